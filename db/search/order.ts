import { readIdentifier, rejectDataset, resolveEntity, translateAttributeAlias } from './identifiers.js';
import { SEARCH_LIMITS } from './limits.js';
import { type ParseContext, TokenStream, fail, isKeyword, tokenize } from './tokens.js';

/**
 * order_by entries (docs/mlflow-compat.md section 3, search): `<identifier> [ASC|DESC]`, the identifier written as in
 * filters. Only the user's keys are returned; the query adds the default and tie-break keys.
 */

export type RunOrderAttribute = 'run_id' | 'run_name' | 'status' | 'user_id' | 'start_time' | 'end_time' | 'artifact_uri' | 'duration';

export type RunOrderKey =
  | { kind: 'metric' | 'param' | 'tag'; key: string; descending: boolean }
  | { kind: 'attribute'; key: RunOrderAttribute; descending: boolean };

export type ExperimentOrderAttribute = 'name' | 'experiment_id' | 'creation_time' | 'last_update_time';

export interface ExperimentOrderKey {
  key: ExperimentOrderAttribute;
  descending: boolean;
}

const ORDER_BY: ParseContext = { prefix: 'order_by', field: 'orderBy' };

const RUN_ORDER_ATTRIBUTES: readonly RunOrderAttribute[] = [
  'run_id',
  'run_name',
  'status',
  'user_id',
  'start_time',
  'end_time',
  'artifact_uri',
];
const EXPERIMENT_ORDER_ATTRIBUTES: readonly ExperimentOrderAttribute[] = [
  'name',
  'experiment_id',
  'creation_time',
  'last_update_time',
];

export function parseRunOrderBy(list: readonly string[] | undefined): RunOrderKey[] {
  return parseList(list, parseRunEntry, (k) => `${k.kind}\u0000${k.key}`);
}

export function parseExperimentOrderBy(list: readonly string[] | undefined): ExperimentOrderKey[] {
  return parseList(list, parseExperimentEntry, (k) => k.key);
}

/** Ordering by one field twice is ambiguous (which direction wins?), so it is an error, as in MLflow. */
function parseList<K>(list: readonly string[] | undefined, parse: (entry: string) => K, field: (key: K) => string): K[] {
  const keys: K[] = [];
  const seen = new Set<string>();
  if ((list?.length ?? 0) > SEARCH_LIMITS.orderKeys) fail(ORDER_BY, `at most ${SEARCH_LIMITS.orderKeys} keys are allowed, got ${list?.length}`);
  for (const entry of list ?? []) {
    const key = parse(entry);
    if (seen.has(field(key))) fail(ORDER_BY, `'${entry}' orders by the same field as an earlier key`);
    seen.add(field(key));
    keys.push(key);
  }
  return keys;
}

function parseRunEntry(entry: string): RunOrderKey {
  return parseEntry(entry, (stream) => {
    const id = readIdentifier(stream);
    if (id.entity === DERIVED) return readDerived(stream, id.key);
    const entity = resolveEntity(stream, id);
    if (entity === 'dataset') return rejectDataset(stream, id);
    if (entity !== 'attribute') return { kind: entity, key: id.key };
    const key = translateAttributeAlias(id.key);
    if (!(RUN_ORDER_ATTRIBUTES as readonly string[]).includes(key)) {
      return stream.fail(`invalid attribute key '${id.key}'; valid keys are ${RUN_ORDER_ATTRIBUTES.join(', ')}, created`);
    }
    return { kind: 'attribute', key: key as RunOrderAttribute };
  });
}

/**
 * Keys computed from a run's columns, which MLflow's grammar has no name for: `derived.duration` is
 * end_time - start_time, a RUNNING run's counting to the time of the query. Order keys only.
 */
const DERIVED = 'derived';
const DERIVED_KEYS: Record<string, RunOrderAttribute> = { duration: 'duration' };

function readDerived(stream: TokenStream, key: string): { kind: 'attribute'; key: RunOrderAttribute } {
  const attribute = DERIVED_KEYS[key];
  if (!attribute) return stream.fail(`invalid derived key '${key}'; valid keys are ${Object.keys(DERIVED_KEYS).join(', ')}`);
  return { kind: 'attribute', key: attribute };
}

function parseExperimentEntry(entry: string): ExperimentOrderKey {
  return parseEntry(entry, (stream) => {
    const id = readIdentifier(stream);
    if (id.entity !== undefined && !['attribute', 'attributes', 'attr'].includes(id.entity)) {
      return stream.fail(`invalid entity type '${id.entity}'; experiments can only be ordered by attributes`);
    }
    if (!(EXPERIMENT_ORDER_ATTRIBUTES as readonly string[]).includes(id.key)) {
      return stream.fail(`invalid attribute key '${id.key}'; valid keys are ${EXPERIMENT_ORDER_ATTRIBUTES.join(', ')}`);
    }
    return { key: id.key as ExperimentOrderAttribute };
  });
}

/** Reads the identifier with `readKey`, then an optional ASC/DESC (ASC by default), then nothing else. */
function parseEntry<K>(entry: string, readKey: (stream: TokenStream) => K): K & { descending: boolean } {
  if (entry.trim() === '') fail(ORDER_BY, 'empty ordering key');
  const stream = new TokenStream(tokenize(entry, ORDER_BY), ORDER_BY);
  const key = readKey(stream);
  const direction = stream.next();
  if (direction && !isKeyword(direction, 'ASC') && !isKeyword(direction, 'DESC')) {
    fail(ORDER_BY, `invalid ordering key '${entry}'`);
  }
  if (!stream.done) fail(ORDER_BY, `invalid ordering key '${entry}': unexpected '${stream.peek()?.raw}'`);
  return { ...key, descending: isKeyword(direction, 'DESC') };
}
