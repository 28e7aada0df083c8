import { invalidValue } from './errors.js';
import type { RawFields } from './request.js';

/**
 * Typed reads of request fields with MLflow's messages (docs/mlflow-compat.md section 1): "required" means
 * present and not "", JSON null counts as absent (proto JSON), and a wrong type names the field, the
 * value and its type. Protobuf JSON also accepts int64 and double values as strings, so do we.
 */

const SEE_DOCS = ' See the API docs for more information about request parameters.';

export const missing = (name: string) => invalidValue(`Missing value for required parameter '${name}'.${SEE_DOCS}`);

export const invalidParam = (name: string, value: unknown, rule?: string) =>
  invalidValue(
    `Invalid value ${show(value)} for parameter '${name}' supplied${rule ? `. ${rule}` : `: Hint: Value was of type '${pythonType(value)}'.`}${SEE_DOCS}`,
  );

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}

/** The type names MLflow's messages use (Python's). */
function pythonType(value: unknown): string {
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'object') return 'dict';
  return 'str';
}

const INT64 = /^-?\d{1,16}$/;
const DOUBLE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const SPECIAL_DOUBLES: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

export class Fields {
  constructor(
    readonly raw: RawFields,
    /** the path a nested object was read from, e.g. `metrics[0]` */
    private readonly prefix = '',
    /** query parameters: a key given several times is a list, and scalars take its first value */
    private readonly fromQuery = false,
  ) {}

  /** A nested object's fields, with messages naming `prefix.field`. */
  static of(value: unknown, path: string): Fields {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidParam(path, value);
    return new Fields(value as RawFields, `${path}.`);
  }

  name(field: string): string {
    return `${this.prefix}${field}`;
  }

  /** The field's value; a query parameter given several times counts as its first value for scalars. */
  private scalar(field: string): unknown {
    const value = this.raw[field];
    return this.fromQuery && Array.isArray(value) ? value[0] : value;
  }

  has(field: string): boolean {
    const value = this.raw[field];
    return value !== undefined && value !== null;
  }

  string(field: string): string | undefined {
    const value = this.scalar(field);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw invalidParam(this.name(field), value);
    return value;
  }

  requiredString(field: string): string {
    const value = this.string(field);
    if (value === undefined || value === '') throw missing(this.name(field));
    return value;
  }

  int64(field: string): number | undefined {
    const value = this.scalar(field);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
    if (typeof value === 'string' && INT64.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
    throw invalidParam(this.name(field), value);
  }

  requiredInt64(field: string): number {
    const value = this.int64(field);
    if (value === undefined) throw missing(this.name(field));
    return value;
  }

  /** A double: a JSON number, a numeric string, or "NaN" / "Infinity" / "-Infinity"; never a boolean. */
  requiredDouble(field: string): number {
    const value = this.scalar(field);
    if (value === undefined || value === null || value === '') throw missing(this.name(field));
    if (typeof value === 'number') return value;
    if (typeof value === 'string') {
      if (value in SPECIAL_DOUBLES) return SPECIAL_DOUBLES[value] as number;
      if (DOUBLE.test(value.trim())) return Number(value);
    }
    throw invalidParam(this.name(field), value);
  }

  /** An enum given by name (proto JSON also allows its number). */
  enumValue<T extends string>(field: string, values: readonly T[]): T | undefined {
    const value = this.scalar(field);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < values.length) return values[value];
    if (typeof value === 'string' && /^\d+$/.test(value) && Number(value) < values.length) return values[Number(value)];
    throw invalidParam(this.name(field), value, `must be one of ${values.filter(Boolean).join(', ')}.`);
  }

  /** A repeated string field: a JSON list of strings, or one or more query parameters. */
  strings(field: string): string[] {
    const value = this.raw[field];
    if (value === undefined || value === null) return [];
    const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : undefined;
    if (!list || list.some((v) => typeof v !== 'string')) throw invalidParam(this.name(field), value);
    return list as string[];
  }

  /** A repeated message field: a list of objects, each read with Fields. */
  objects(field: string): Fields[] {
    const value = this.raw[field];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw invalidParam(this.name(field), value);
    return value.map((item, i) => Fields.of(item, `${this.name(field)}[${i}]`));
  }

  /** `run_id`, or the deprecated `run_uuid` (clients send both). */
  runId(): string {
    const id = this.string('run_id') || this.string('run_uuid');
    if (!id) throw missing(this.name('run_id'));
    return id;
  }

  /** Key/value lists (tags, params): each entry needs a string key; a missing value is "". */
  keyValues(field: string, valueRequired = false): { key: string; value: string }[] {
    return this.objects(field).map((kv) => ({
      key: kv.requiredString('key'),
      value: valueRequired ? kv.requiredPresentString('value') : (kv.string('value') ?? ''),
    }));
  }

  /** A string that must be present but may be "" (param values). */
  requiredPresentString(field: string): string {
    const value = this.string(field);
    if (value === undefined) throw missing(this.name(field));
    return value;
  }
}
