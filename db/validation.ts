import type { KeyValue } from './entities.js';
import { invalid, overLimit } from './errors.js';

/** MLflow's limits (docs/mlflow-compat.md section 3), shared by GraphQL and the REST API. */
export const LIMITS = {
  keyLength: 250,
  paramValueLength: 6000,
  tagValueLength: 8000,
  experimentTagValueLength: 5000,
  experimentNameLength: 500,
  artifactLocationLength: 2048,
  metricsPerBatch: 1000,
  paramsPerBatch: 100,
  tagsPerBatch: 100,
  entitiesPerBatch: 1000,
  /** Rows one batched read may return (a page's params, tags, metrics...): memory per request stays bounded. */
  rowsPerRead: 200_000,
} as const;

/** A batched read's rows, or INVALID_ARGUMENT when they reached the cap (the query read one row more than it). */
export function withinReadCap<T>(rows: T[], what: string): T[] {
  if (rows.length > LIMITS.rowsPerRead) {
    throw overLimit(`${what}: more than ${LIMITS.rowsPerRead} rows in one read; ask for fewer runs or experiments at once`, what);
  }
  return rows;
}

/** What to do with a param or tag value over its limit: GraphQL rejects, MLflow REST truncates. */
export type LongValuePolicy = 'reject' | 'truncate';

// MLflow: ^[/\w.\- :]*$ with Python's Unicode \w (letters, digits, marks, connector punctuation).
const KEY_CHARS = /^[/\p{L}\p{N}\p{M}\p{Pc}.\- :]*$/u;

/** Metric, param and tag keys: MLflow's charset, length, and "must not resolve to another path". */
export function checkKey(key: unknown, field: string): string {
  if (typeof key !== 'string' || key === '') throw invalid(`${field}: a non-empty key is required`, field);
  if (key.length > LIMITS.keyLength) {
    throw invalid(`${field}: key exceeds the maximum length of ${LIMITS.keyLength} characters`, field);
  }
  if (!KEY_CHARS.test(key)) {
    throw invalid(
      `${field}: invalid key ${JSON.stringify(key)}: names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/)`,
      field,
    );
  }
  if (key.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw invalid(
      `${field}: invalid key ${JSON.stringify(key)}: names may be treated as file paths and must not resolve to another name (no empty, '.' or '..' segments, no leading or trailing '/')`,
      field,
    );
  }
  return key;
}

export function checkString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw invalid(`${field}: a string is required`, field);
  return value;
}

/** Checks a param/tag value's length under the caller's policy; returns the value to store. */
export function checkValueLength(value: string, max: number, field: string, policy: LongValuePolicy): string {
  if (value.length <= max) return value;
  if (policy === 'truncate') return value.slice(0, max);
  throw invalid(`${field}: value exceeds the maximum length of ${max} characters (got ${value.length})`, field);
}

/** int64 carried as a JS number: integral and within ±(2^53-1). */
export function checkLong(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw invalid(`${field}: an integer between -(2^53-1) and 2^53-1 is required, got ${JSON.stringify(value)}`, field);
  }
  return value;
}

export function checkTimestamp(value: unknown, field: string): number {
  const ts = checkLong(value, field);
  if (ts < 0) throw invalid(`${field}: a timestamp must be a nonnegative integer of milliseconds, got ${ts}`, field);
  return ts;
}

export function checkExperimentName(name: unknown, field = 'name'): string {
  if (typeof name !== 'string' || name.trim() === '') throw invalid(`${field}: a non-empty experiment name is required`, field);
  if (name.length > LIMITS.experimentNameLength) {
    throw invalid(`${field}: exceeds the maximum length of ${LIMITS.experimentNameLength} characters`, field);
  }
  return name;
}

/** 32-char lowercase hex ids are ours; MLflow also accepts client-made ids of this shape. */
const RUN_ID = /^[a-zA-Z0-9][\w-]{0,255}$/;
export function isRunIdShape(id: string): boolean {
  return RUN_ID.test(id);
}

/** Experiment ids are decimal strings of integers ("0" is Default); anything else names no experiment. */
const EXPERIMENT_ID = /^\d{1,15}$/;
export function isExperimentIdShape(id: unknown): id is string {
  return typeof id === 'string' && EXPERIMENT_ID.test(id);
}

/** The ids of a list that can name an experiment, as numbers (the others name none). */
export function experimentIdNumbers(ids: readonly string[]): number[] {
  return ids.filter(isExperimentIdShape).map(Number);
}

/** A list of tags as a request gives it: each key checked, each value a string within its limit. */
export function checkTagList(list: readonly KeyValue[], field: string, policy: LongValuePolicy): KeyValue[] {
  if (!Array.isArray(list)) throw invalid(`${field}: a list is required`, field);
  return list.map((t, i) => {
    const at = `${field}[${i}]`;
    if (t === null || typeof t !== 'object') throw invalid(`${at}: an object is required`, at);
    const key = checkKey(t.key, `${at}.key`);
    const value = checkValueLength(checkString(t.value, `${at}.value`), LIMITS.tagValueLength, `${at}.value`, policy);
    return { key, value };
  });
}

/** Artifact names starting with this are uploads in progress (the artifact store's temp files): reserved. */
export const RESERVED_ARTIFACT_PREFIX = '.trackline-upload-';

/**
 * An experiment's artifact location. `mlflow-artifacts:/<P>` places artifacts in trackline's own store,
 * so P must be a plain relative path (no traversal, no encoding tricks: docs/architecture.md section 6); any other
 * location is an opaque string that trackline never resolves, but still carries no URL params/fragments.
 */
export function checkArtifactLocation(location: unknown, field = 'artifactLocation'): string {
  const text = checkString(location, field);
  if (text.length > LIMITS.artifactLocationLength) {
    throw invalid(`${field}: exceeds the maximum length of ${LIMITS.artifactLocationLength} characters`, field);
  }
  if (/[\u0000-\u001f\u007f?#]/.test(text)) {
    throw invalid(`${field}: must not contain control characters, '?' or '#' (URL params and fragments are not allowed)`, field);
  }
  if (/^runs:\//i.test(text)) throw invalid(`${field}: a runs:/ URI is not a valid artifact location`, field);
  const proxied = /^mlflow-artifacts:(.*)$/i.exec(text);
  if (proxied) {
    const rest = proxied[1] as string;
    if (!rest.startsWith('/') || rest.startsWith('//')) {
      throw invalid(`${field}: use mlflow-artifacts:/<path> (a host in the URI is not supported)`, field);
    }
    const segments = rest.slice(1).replace(/\/+$/, '').split('/');
    if (segments.some((s) => s.startsWith(RESERVED_ARTIFACT_PREFIX))) {
      throw invalid(`${field}: names starting with ${JSON.stringify(RESERVED_ARTIFACT_PREFIX)} are reserved for uploads in progress`, field);
    }
    if (segments.some((s) => s === '' || s === '.' || s === '..' || /[\\%;:]/.test(s))) {
      throw invalid(
        `${field}: the path of an mlflow-artifacts: location must be plain relative segments (no '.', '..', empty segments, '\\', '%', ';' or ':')`,
        field,
      );
    }
  }
  return text;
}
