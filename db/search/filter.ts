import { type Identifier, readIdentifier, rejectDataset, resolveEntity, translateAttributeAlias } from './identifiers.js';
import { SEARCH_LIMITS } from './limits.js';
import { type ParseContext, type Token, TokenStream, isKeyword, tokenize } from './tokens.js';

/**
 * MLflow's search filter grammar (docs/mlflow-compat.md section 3, search), parsed into a typed AST:
 *
 *   filter     := comparison (AND comparison)*          AND is case-insensitive; OR, NOT, ( ) are rejected
 *   comparison := identifier operator value
 *   identifier := [entity "."] key                      entity may be `back-quoted`; key may be `...` or "..."
 *
 * The tokenizer (tokens.ts) and the identifier reader (identifiers.ts) also serve order_by (order.ts), so
 * both speak the same language.
 * Everything invalid is a StoreError (INVALID_ARGUMENT) whose message names the offending token.
 */

export type NumericOp = '=' | '!=' | '>' | '>=' | '<' | '<=';
export type StringOp = '=' | '!=' | 'LIKE' | 'ILIKE';
export type ListOp = 'IN' | 'NOT IN';

export type StringRunAttribute = 'run_id' | 'run_name' | 'status' | 'user_id' | 'artifact_uri';
export type NumericRunAttribute = 'start_time' | 'end_time';

export type RunComparison =
  | { kind: 'metric'; key: string; op: NumericOp; value: number }
  | { kind: 'param' | 'tag'; key: string; op: StringOp; value: string }
  | { kind: 'string-attribute'; key: StringRunAttribute; op: StringOp; value: string }
  | { kind: 'numeric-attribute'; key: NumericRunAttribute; op: NumericOp; value: number }
  | { kind: 'run-id-list'; key: 'run_id'; op: ListOp; values: string[] };

export type ExperimentComparison =
  | { kind: 'tag'; key: string; op: StringOp; value: string }
  | { kind: 'string-attribute'; key: 'name'; op: StringOp; value: string }
  | { kind: 'numeric-attribute'; key: 'creation_time' | 'last_update_time'; op: NumericOp; value: number };

const FILTER: ParseContext = { prefix: 'filter', field: 'filter' };

const NUMERIC_OPS: readonly NumericOp[] = ['=', '!=', '>', '>=', '<', '<='];
const STRING_OPS: readonly StringOp[] = ['=', '!=', 'LIKE', 'ILIKE'];
const RUN_STRING_ATTRIBUTES: readonly StringRunAttribute[] = ['run_id', 'run_name', 'status', 'user_id', 'artifact_uri'];
const RUN_NUMERIC_ATTRIBUTES: readonly NumericRunAttribute[] = ['start_time', 'end_time'];

/** The operator as written, upper-cased; `NOT IN` is two words. */
function readOperator(stream: TokenStream, id: Identifier): string {
  const token = stream.next();
  if (!token) return stream.fail(`expected an operator after '${id.raw}', found the end of the input`);
  if (token.type === 'op') return token.value;
  if (isKeyword(token, 'NOT')) {
    const following = stream.peek();
    if (isKeyword(following, 'IN')) {
      stream.next();
      return 'NOT IN';
    }
    return stream.fail(`invalid clause '${token.raw}' (only AND is supported)`);
  }
  if (token.type === 'word' && ['LIKE', 'ILIKE', 'IN'].includes(token.value.toUpperCase())) {
    return token.value.toUpperCase();
  }
  return stream.fail(`expected an operator after '${id.raw}', found '${token.raw}'`);
}

function checkOperator<T extends string>(stream: TokenStream, op: string, allowed: readonly T[], what: string): T {
  if ((allowed as readonly string[]).includes(op)) return op as T;
  return stream.fail(`invalid operator '${op}' for ${what}; valid operators are ${allowed.join(', ')}`);
}

function readNumber(stream: TokenStream, what: string): number {
  const token = stream.next();
  if (token?.type !== 'number') {
    return stream.fail(`expected a numeric value for ${what}, found '${token?.raw ?? 'the end of the input'}'`);
  }
  return Number(token.value);
}

function readString(stream: TokenStream): string {
  const token = stream.next();
  if (!token) return stream.fail('expected a quoted value, found the end of the input');
  if (token.type === 'squote' || token.type === 'dquote') return checkValueLength(stream, token);
  return stream.fail(`value ${token.raw} is not quoted; use single or double quotes`);
}

const MAX_LIST_ITEMS = SEARCH_LIMITS.listItems;

/** `('a', 'b')`: a non-empty parenthesised list of quoted strings (a trailing comma is allowed, as in Python). */
function readStringList(stream: TokenStream, op: string): string[] {
  const open = stream.next();
  if (open?.type !== '(') {
    return stream.fail(`${op} expects a parenthesised list of quoted strings, found '${open?.raw ?? 'the end of the input'}'`);
  }
  const values: string[] = [];
  for (;;) {
    const token = stream.next();
    if (token?.type === ')') return stream.fail(`${op} expects a non-empty list of quoted strings`);
    if (token?.type !== 'squote' && token?.type !== 'dquote') {
      return stream.fail(`${op} list items must be quoted strings, found '${token?.raw ?? 'the end of the input'}'`);
    }
    values.push(checkValueLength(stream, token));
    if (values.length > MAX_LIST_ITEMS) return stream.fail(`${op} lists are limited to ${MAX_LIST_ITEMS} items`);
    const separator = stream.next();
    if (separator?.type === ')') break;
    if (separator?.type !== ',') {
      return stream.fail(`${op} list: expected ',' or ')', found '${separator?.raw ?? 'the end of the input'}'`);
    }
    if (stream.peek()?.type === ')') {
      stream.next();
      break;
    }
  }
  return values;
}

function checkValueLength(stream: TokenStream, token: Token): string {
  if (token.value.length > SEARCH_LIMITS.valueLength) {
    stream.fail(`a quoted value may be at most ${SEARCH_LIMITS.valueLength} characters, got ${token.value.length} at position ${token.start}`);
  }
  return token.value;
}

function readRunComparison(stream: TokenStream): RunComparison {
  const id = readIdentifier(stream);
  const entity = resolveEntity(stream, id);
  if (entity === 'dataset') return rejectDataset(stream, id);
  const op = readOperator(stream, id);
  switch (entity) {
    case 'metric':
      return {
        kind: 'metric',
        key: id.key,
        op: checkOperator(stream, op, NUMERIC_OPS, `metric '${id.key}'`),
        value: readNumber(stream, `metric '${id.key}'`),
      };
    case 'param':
    case 'tag':
      return {
        kind: entity,
        key: id.key,
        op: checkOperator(stream, op, STRING_OPS, `${entity} '${id.key}'`),
        value: readString(stream),
      };
    case 'attribute':
      return readRunAttributeComparison(stream, id, op);
  }
}

function readRunAttributeComparison(stream: TokenStream, id: Identifier, op: string): RunComparison {
  const key = translateAttributeAlias(id.key);
  const what = `attribute '${id.key}'`;
  if ((RUN_NUMERIC_ATTRIBUTES as readonly string[]).includes(key)) {
    return {
      kind: 'numeric-attribute',
      key: key as NumericRunAttribute,
      op: checkOperator(stream, op, NUMERIC_OPS, what),
      value: readNumber(stream, what),
    };
  }
  if (!(RUN_STRING_ATTRIBUTES as readonly string[]).includes(key)) {
    return stream.fail(
      `invalid attribute key '${id.key}'; valid keys are ${[...RUN_STRING_ATTRIBUTES, ...RUN_NUMERIC_ATTRIBUTES].join(', ')}`,
    );
  }
  if (op === 'IN' || op === 'NOT IN') {
    if (key !== 'run_id') return stream.fail(`operator '${op}' is only supported for attribute 'run_id', not ${what}`);
    return { kind: 'run-id-list', key: 'run_id', op, values: readStringList(stream, op) };
  }
  return {
    kind: 'string-attribute',
    key: key as StringRunAttribute,
    op: checkOperator(stream, op, STRING_OPS, what),
    value: readString(stream),
  };
}

const EXPERIMENT_ENTITIES: Record<string, 'attribute' | 'tag'> = {
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
  tag: 'tag',
  tags: 'tag',
};

function readExperimentComparison(stream: TokenStream): ExperimentComparison {
  const id = readIdentifier(stream);
  const entity = id.entity === undefined ? 'attribute' : EXPERIMENT_ENTITIES[id.entity];
  if (!entity) return stream.fail(`invalid entity type '${id.entity}'; valid values are attribute, tag`);
  const op = readOperator(stream, id);
  if (entity === 'tag') {
    return { kind: 'tag', key: id.key, op: checkOperator(stream, op, STRING_OPS, `tag '${id.key}'`), value: readString(stream) };
  }
  const what = `attribute '${id.key}'`;
  if (id.key === 'name') {
    return { kind: 'string-attribute', key: 'name', op: checkOperator(stream, op, STRING_OPS, what), value: readString(stream) };
  }
  if (id.key === 'creation_time' || id.key === 'last_update_time') {
    return {
      kind: 'numeric-attribute',
      key: id.key,
      op: checkOperator(stream, op, NUMERIC_OPS, what),
      value: readNumber(stream, what),
    };
  }
  return stream.fail(`invalid attribute key '${id.key}'; valid keys are name, creation_time, last_update_time`);
}

/** `comparison (AND comparison)*`; anything between comparisons other than AND is an invalid clause. */
function parseConjunction<T>(text: string | undefined, readComparison: (stream: TokenStream) => T): T[] {
  if (text === undefined || text.trim() === '') return [];
  const stream = new TokenStream(tokenize(text, FILTER), FILTER);
  const comparisons = [readComparison(stream)];
  while (!stream.done) {
    const token = stream.next() as Token;
    if (!isKeyword(token, 'AND')) {
      const why = token.type === '(' || token.type === ')' ? 'parentheses are not supported; ' : '';
      return stream.fail(`invalid clause '${token.raw}' (${why}only AND is supported)`);
    }
    if (stream.done) return stream.fail(`expected a comparison after '${token.raw}'`);
    if (comparisons.length >= SEARCH_LIMITS.comparisons) {
      return stream.fail(`at most ${SEARCH_LIMITS.comparisons} comparisons may be joined by AND in one filter`);
    }
    comparisons.push(readComparison(stream));
  }
  return comparisons;
}

export function parseRunFilter(text: string | undefined): RunComparison[] {
  return parseConjunction(text, readRunComparison);
}

export function parseExperimentFilter(text: string | undefined): ExperimentComparison[] {
  return parseConjunction(text, readExperimentComparison);
}
