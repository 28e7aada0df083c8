import { type Token, type TokenStream, isKeyword } from './tokens.js';

/** Identifiers of the search syntax: `[entity.]key`, as filters and order_by write them. */

export type Entity = 'metric' | 'param' | 'tag' | 'attribute' | 'dataset';

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
