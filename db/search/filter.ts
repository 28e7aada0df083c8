import { invalid } from '../errors.js';

/**
 * MLflow's search filter grammar (mlflow-reference.md 4.1 and 4.3), parsed into a typed AST:
 *
 *   filter     := comparison (AND comparison)*          AND is case-insensitive; OR, NOT, ( ) are rejected
 *   comparison := identifier operator value
 *   identifier := [entity "."] key                      entity may be `back-quoted`; key may be `...` or "..."
 *
 * One tokenizer and one identifier parser also serve order_by (order.ts), so both speak the same language.
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

export type Entity = 'metric' | 'param' | 'tag' | 'attribute' | 'dataset';

/** Which input the message is about: the prefix of every message and the StoreError's `field`. */
export interface ParseContext {
  readonly prefix: 'filter' | 'order_by';
  readonly field: string;
}

const FILTER: ParseContext = { prefix: 'filter', field: 'filter' };

export function fail(ctx: ParseContext, message: string): never {
  throw invalid(`${ctx.prefix}: ${message}`, ctx.field);
}

// ---------------------------------------------------------------------------------------------------
// Tokenizer

export type TokenType = 'word' | 'number' | 'squote' | 'dquote' | 'backtick' | 'op' | '(' | ')' | ',';

export interface Token {
  readonly type: TokenType;
  /** The unquoted content for quoted tokens; the source text otherwise. */
  readonly value: string;
  /** The source text, quotes included: what error messages show. */
  readonly raw: string;
  readonly start: number;
  readonly end: number;
}

// A number is only a number when no name character follows it: `1abc` is a word (a key may start with a digit).
const NUMBER = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?![A-Za-z0-9_.])/y;
// Words are keywords, entities and unquoted keys; dots are part of a word so `metrics.train.loss` is one token.
const WORD = /[A-Za-z0-9_.]+/y;
const OPERATOR = /[=!<>]+/y;
const QUOTES: Record<string, TokenType> = { "'": 'squote', '"': 'dquote', '`': 'backtick' };

export function tokenize(text: string, ctx: ParseContext): Token[] {
  // Postgres cannot hold NUL in text and fails the whole query on one, so it never reaches SQL.
  if (text.includes('\u0000')) fail(ctx, 'NUL characters are not allowed');
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const token = readQuoted(text, i, ctx) ?? readPattern(text, i) ?? readPunctuation(text, i);
    if (!token) fail(ctx, `unexpected character '${ch}' at position ${i}`);
    tokens.push(token);
    i = token.end;
  }
  return tokens;
}

/** A quoted string; a doubled quote inside it stands for one quote character (SQL's convention). */
function readQuoted(text: string, start: number, ctx: ParseContext): Token | undefined {
  const quote = text[start] as string;
  const type = QUOTES[quote];
  if (!type) return undefined;
  let value = '';
  let i = start + 1;
  for (;;) {
    const close = text.indexOf(quote, i);
    if (close < 0) fail(ctx, `unterminated quoted string ${text.slice(start)}`);
    value += text.slice(i, close);
    if (text[close + 1] !== quote) {
      return { type, value, raw: text.slice(start, close + 1), start, end: close + 1 };
    }
    value += quote;
    i = close + 2;
  }
}

function readPattern(text: string, start: number): Token | undefined {
  for (const [type, pattern] of [
    ['number', NUMBER],
    ['word', WORD],
    ['op', OPERATOR],
  ] as const) {
    pattern.lastIndex = start;
    const match = pattern.exec(text);
    if (match) return { type, value: match[0], raw: match[0], start, end: start + match[0].length };
  }
  return undefined;
}

function readPunctuation(text: string, start: number): Token | undefined {
  const ch = text[start];
  if (ch === '(' || ch === ')' || ch === ',') return { type: ch, value: ch, raw: ch, start, end: start + 1 };
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// A cursor over the tokens, shared with order.ts

export class TokenStream {
  private pos = 0;
  constructor(
    readonly tokens: readonly Token[],
    readonly ctx: ParseContext,
  ) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }
  next(): Token | undefined {
    return this.tokens[this.pos++];
  }
  get done(): boolean {
    return this.pos >= this.tokens.length;
  }
  /** The next token if it touches `previous` (no whitespace between): identifiers are written without spaces. */
  nextAdjacent(previous: Token): Token | undefined {
    const token = this.peek();
    if (token && token.start === previous.end) return this.next();
    return undefined;
  }
  fail(message: string): never {
    return fail(this.ctx, message);
  }
}

export function isKeyword(token: Token | undefined, keyword: string): boolean {
  return token?.type === 'word' && token.value.toUpperCase() === keyword;
}

// ---------------------------------------------------------------------------------------------------
// Identifiers

export interface Identifier {
  /** The entity as written (undefined: no prefix, so an attribute). */
  readonly entity: string | undefined;
  readonly key: string;
  /** The identifier's source text, for error messages. */
  readonly raw: string;
}

const ENTITY_ALIASES: Record<string, Entity> = {
  metric: 'metric',
  metrics: 'metric',
  parameter: 'param',
  parameters: 'param',
  param: 'param',
  params: 'param',
  tag: 'tag',
  tags: 'tag',
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
  run: 'attribute',
  dataset: 'dataset',
  datasets: 'dataset',
};

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'LIKE', 'ILIKE', 'ASC', 'DESC']);

/**
 * Reads `[entity.]key`: `metrics.mse`, `metrics.train.loss` (the key is everything after the first dot),
 * ``metrics.`a b` ``, `tags."x-y"`, `` `metrics`.x ``, or a bare attribute key (`status`, `` `Run name` ``).
 */
export function readIdentifier(stream: TokenStream): Identifier {
  const first = stream.next();
  if (!first) return stream.fail('expected an identifier, found the end of the input');
  if (first.type === '(' || first.type === ')') {
    return stream.fail(`invalid clause '${first.raw}' (parentheses are not supported; only AND is supported)`);
  }
  if (first.type === 'word' && KEYWORDS.has(first.value.toUpperCase())) {
    if (isKeyword(first, 'OR') || isKeyword(first, 'NOT')) {
      return stream.fail(`invalid clause '${first.raw}' (only AND is supported)`);
    }
    return stream.fail(`expected an identifier, found '${first.raw}'`);
  }
  if (first.type === 'word') return readWordIdentifier(stream, first);
  if (first.type === 'backtick' || first.type === 'dquote') return readQuotedIdentifier(stream, first);
  return stream.fail(`expected an identifier, found '${first.raw}'`);
}

function readWordIdentifier(stream: TokenStream, word: Token): Identifier {
  const dot = word.value.indexOf('.');
  if (dot < 0) {
    rejectAdjacent(stream, word);
    return { entity: undefined, key: word.value, raw: word.raw };
  }
  const entity = word.value.slice(0, dot);
  if (entity === '') return stream.fail(`invalid identifier '${word.raw}'`);
  return readKeyAfterDot(stream, entity, word.value.slice(dot + 1), word);
}

function readQuotedIdentifier(stream: TokenStream, quoted: Token): Identifier {
  const after = stream.peek();
  // `.5` after `` `metrics` `` tokenizes as a number; it still continues the identifier.
  const continues =
    after?.start === quoted.end && (after.type === 'word' || after.type === 'number') && after.value.startsWith('.');
  if (!continues) return { entity: undefined, key: quoted.value, raw: quoted.raw };
  stream.next();
  // Only backticks quote an entity (as in MLflow); `"metrics".x` keeps its quotes and is an unknown entity.
  const entity = quoted.type === 'backtick' ? quoted.value : quoted.raw;
  return readKeyAfterDot(stream, entity, after.value.slice(1), { ...quoted, raw: quoted.raw + after.raw, end: after.end });
}

/** `rest` is what followed the dot in the same word; when empty the key is the adjacent quoted token. */
function readKeyAfterDot(stream: TokenStream, entity: string, rest: string, head: Token): Identifier {
  if (rest !== '') {
    rejectAdjacent(stream, head);
    return { entity, key: rest, raw: head.raw };
  }
  const quoted = stream.nextAdjacent(head);
  if (!quoted || (quoted.type !== 'backtick' && quoted.type !== 'dquote')) {
    return stream.fail(`invalid identifier '${head.raw}${quoted?.raw ?? ''}': expected a key after '.'`);
  }
  rejectAdjacent(stream, quoted);
  return { entity, key: quoted.value, raw: head.raw + quoted.raw };
}

/** `metrics.a"b"` or `` `x`y `` are typos, not identifiers. */
function rejectAdjacent(stream: TokenStream, token: Token): void {
  const after = stream.peek();
  if (after && after.start === token.end && ['word', 'number', 'squote', 'dquote', 'backtick'].includes(after.type)) {
    stream.fail(`invalid identifier '${token.raw}${after.raw}'`);
  }
}

/** Maps an entity as written (or no prefix) to its canonical name; unknown → the error MLflow gives. */
export function resolveEntity(stream: TokenStream, id: Identifier): Entity {
  if (id.entity === undefined) return 'attribute';
  const entity = ENTITY_ALIASES[id.entity];
  if (!entity) {
    return stream.fail(
      `invalid entity type '${id.entity}'; valid values are metric, parameter, tag, attribute, dataset`,
    );
  }
  return entity;
}

/** MLflow's alternate attribute names (the UI sends `attributes.\`Run name\``). */
export function translateAttributeAlias(key: string): string {
  if (key === 'created' || key === 'Created') return 'start_time';
  if (key === 'run name' || key === 'Run name' || key === 'Run Name') return 'run_name';
  return key;
}

export function rejectDataset(stream: TokenStream, id: Identifier): never {
  return stream.fail(`dataset identifiers are not supported yet ('${id.raw}')`);
}

// ---------------------------------------------------------------------------------------------------
// Comparisons

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

/**
 * What one search may ask of the database, refused up front with a message naming the limit rather
 * than failing inside SQLite (whose own limits answer "too many terms in compound SELECT", "Expression
 * tree is too large", "LIKE or GLOB pattern too complex" or "too many SQL variables"). Chosen well
 * inside those limits, on both dialects: SQLite joins at most 64 tables, nests expressions 1,000 deep,
 * takes LIKE patterns of 50,000 bytes and 32,766 bound parameters; Postgres binds 65,535.
 */
export const SEARCH_LIMITS = {
  /** comparisons joined by AND in one filter */
  comparisons: 100,
  /** characters of one quoted value (4 bytes a character in UTF-8 stays under SQLite's LIKE limit) */
  valueLength: 10_000,
  /** items of one IN list: each is a bound parameter */
  listItems: 10_000,
  /** different metric, param and tag keys one search filters or sorts on: each is a join */
  entityKeys: 40,
  /** order_by entries */
  orderKeys: 20,
  /** experiments one search covers: each id is a bound parameter */
  experimentIds: 10_000,
};
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
