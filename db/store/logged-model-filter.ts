import { invalid } from '../errors.js';
import { readIdentifier } from '../search/identifiers.js';
import { type Token, TokenStream, isKeyword, tokenize } from '../search/tokens.js';
import type { LoggedModelDetails } from '../entities.js';

/**
 * logged-models/search filters (MLflow 3): `comparison (AND comparison)*` over metrics, params, tags
 * and the attributes below, read with the shared search tokenizer and identifier reader, evaluated on
 * the (few) models of the searched experiments.
 */

type Op = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'ILIKE';

interface Comparison {
  entity: 'metric' | 'param' | 'tag' | 'attribute';
  key: string;
  op: Op;
  value: string | number;
}

const CTX = { prefix: 'filter', field: 'filter' } as const;
const ENTITIES: Record<string, Comparison['entity']> = {
  metric: 'metric',
  metrics: 'metric',
  param: 'param',
  params: 'param',
  parameter: 'param',
  parameters: 'param',
  tag: 'tag',
  tags: 'tag',
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
};
const STRING_ATTRIBUTES = ['name', 'model_id', 'model_type', 'status', 'source_run_id'] as const;
const NUMERIC_ATTRIBUTES = ['creation_timestamp', 'creation_time', 'last_updated_timestamp'] as const;

export type LoggedModelPredicate = (model: LoggedModelDetails) => boolean;

export function parseLoggedModelFilter(text: string | undefined): LoggedModelPredicate {
  if (text === undefined || text.trim() === '') return () => true;
  const stream = new TokenStream(tokenize(text, CTX), CTX);
  const comparisons = [readComparison(stream)];
  while (!stream.done) {
    const token = stream.next() as Token;
    if (!isKeyword(token, 'AND')) stream.fail(`invalid clause '${token.raw}' (only AND is supported)`);
    comparisons.push(readComparison(stream));
  }
  return (model) => comparisons.every((c) => matches(c, model));
}

function readComparison(stream: TokenStream): Comparison {
  const id = readIdentifier(stream);
  const entity = id.entity === undefined ? 'attribute' : ENTITIES[id.entity.toLowerCase()];
  if (!entity) stream.fail(`invalid entity type '${id.entity}'; valid values are metric, parameter, tag, attribute`);
  const opToken = stream.next();
  const op = opToken?.type === 'op' ? opToken.value : opToken?.value.toUpperCase();
  if (!op || !['=', '!=', '<', '<=', '>', '>=', 'LIKE', 'ILIKE'].includes(op)) {
    stream.fail(`expected an operator after '${id.raw}', found '${opToken?.raw ?? 'the end of the input'}'`);
  }
  const numeric = entity === 'metric' || (entity === 'attribute' && (NUMERIC_ATTRIBUTES as readonly string[]).includes(id.key));
  if (entity === 'attribute' && !numeric && !(STRING_ATTRIBUTES as readonly string[]).includes(id.key)) {
    stream.fail(`invalid attribute '${id.key}'; valid attributes are ${[...STRING_ATTRIBUTES, ...NUMERIC_ATTRIBUTES].join(', ')}`);
  }
  const valueToken = stream.next();
  if (numeric) {
    if (valueToken?.type !== 'number') stream.fail(`expected a numeric value for '${id.raw}', found '${valueToken?.raw ?? 'the end of the input'}'`);
    if (op === 'LIKE' || op === 'ILIKE') stream.fail(`invalid operator '${op}' for '${id.raw}'`);
    return { entity, key: id.key, op: op as Op, value: Number(valueToken.value) };
  }
  if (valueToken?.type !== 'squote' && valueToken?.type !== 'dquote') {
    stream.fail(`value ${valueToken?.raw ?? 'at the end of the input'} is not quoted; use single or double quotes`);
  }
  if (!['=', '!=', 'LIKE', 'ILIKE'].includes(op)) stream.fail(`invalid operator '${op}' for '${id.raw}'; use =, !=, LIKE or ILIKE`);
  return { entity, key: id.key, op: op as Op, value: valueToken.value };
}

function matches(c: Comparison, model: LoggedModelDetails): boolean {
  const actual = valueOf(c, model);
  if (actual === undefined) return false;
  if (typeof c.value === 'number') return typeof actual === 'number' && compareNumbers(actual, c.op, c.value);
  return typeof actual === 'string' && compareStrings(actual, c.op, c.value);
}

function valueOf(c: Comparison, m: LoggedModelDetails): string | number | undefined {
  switch (c.entity) {
    case 'metric': {
      // The latest value of the key, as for runs.
      const points = m.metrics.filter((p) => p.key === c.key);
      const last = points.sort((a, b) => a.step - b.step || a.timestamp - b.timestamp || a.value - b.value).at(-1);
      return last?.value;
    }
    case 'param':
      return m.params.find((p) => p.key === c.key)?.value;
    case 'tag':
      return m.tags.find((t) => t.key === c.key)?.value;
    case 'attribute':
      switch (c.key) {
        case 'name':
          return m.name;
        case 'model_id':
          return m.id;
        case 'model_type':
          return m.modelType;
        case 'status':
          return m.status;
        case 'source_run_id':
          return m.sourceRunId ?? undefined;
        case 'last_updated_timestamp':
          return m.lastUpdatedTime;
        default:
          return m.creationTime;
      }
  }
}

function compareNumbers(a: number, op: Op, b: number): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

function compareStrings(a: string, op: Op, b: string): boolean {
  if (op === '=') return a === b;
  if (op === '!=') return a !== b;
  return likePattern(b, op === 'ILIKE').test(a);
}

/** SQL LIKE: % any run, _ one character, anchored; everything else literal. */
function likePattern(pattern: string, ignoreCase: boolean): RegExp {
  const source = [...pattern].map((ch) => (ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
}

export interface LoggedModelOrder {
  fieldName: string;
  ascending: boolean;
}

const ORDER_FIELDS = ['name', 'model_id', 'creation_timestamp', 'creation_time', 'last_updated_timestamp', 'status', 'model_type'];

/** MLflow 3 order_by entries: {field_name, ascending}; a `metrics.<key>` field sorts by that metric. */
export function compareLoggedModels(order: readonly LoggedModelOrder[]): (a: LoggedModelDetails, b: LoggedModelDetails) => number {
  for (const o of order) {
    if (!ORDER_FIELDS.includes(o.fieldName) && !o.fieldName.startsWith('metrics.')) {
      throw invalid(`order_by: invalid field_name '${o.fieldName}'; valid fields are ${ORDER_FIELDS.join(', ')} and metrics.<key>`, 'order_by');
    }
  }
  const keys = order.length ? order : [{ fieldName: 'creation_timestamp', ascending: false }];
  return (a, b) => {
    for (const o of keys) {
      const c = compareBy(o.fieldName, a, b);
      if (c !== 0) return o.ascending ? c : -c;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

function compareBy(field: string, a: LoggedModelDetails, b: LoggedModelDetails): number {
  const pick = (m: LoggedModelDetails) => {
    if (field.startsWith('metrics.')) return valueOf({ entity: 'metric', key: field.slice(8), op: '=', value: 0 }, m);
    return valueOf({ entity: 'attribute', key: field, op: '=', value: 0 }, m);
  };
  const x = pick(a);
  const y = pick(b);
  if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
  return x < y ? -1 : x > y ? 1 : 0;
}
