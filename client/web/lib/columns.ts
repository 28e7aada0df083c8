/**
 * The runs table's columns. A column's id is the exact string `orderBy` (and the filter) accepts for
 * it, e.g. `metrics.mse`, ``metrics.`train/loss` ``; a column the search grammar has no name for uses
 * `derived.<name>`. Tests find cells by it (`data-column`).
 */
export type ColumnKind = 'attribute' | 'param' | 'metric';

export interface Column {
  id: string;
  label: string;
  kind: ColumnKind;
  /** the param or metric key, or the attribute's name */
  key: string;
  /** header group: Attributes, Params, Metrics, or a metric prefix such as `train/` */
  group: string;
  sortable: boolean;
  width: number;
}

/** A key as the search grammar writes it: plain when it is a simple identifier, else back-quoted. */
export function quoteKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(key) ? key : `\`${key.replaceAll('`', '')}\``;
}

export const SOURCE_TAG = 'mlflow.source.name';

const ATTRIBUTE_COLUMNS: Column[] = [
  { id: 'attributes.run_name', label: 'Run', kind: 'attribute', key: 'name', group: 'Attributes', sortable: true, width: 190 },
  { id: 'attributes.status', label: 'Status', kind: 'attribute', key: 'status', group: 'Attributes', sortable: true, width: 100 },
  { id: 'attributes.start_time', label: 'Started', kind: 'attribute', key: 'startTime', group: 'Attributes', sortable: true, width: 170 },
  { id: 'derived.duration', label: 'Duration', kind: 'attribute', key: 'duration', group: 'Attributes', sortable: true, width: 90 },
  { id: 'attributes.user_id', label: 'User', kind: 'attribute', key: 'userId', group: 'Attributes', sortable: true, width: 100 },
  { id: `tags.${quoteKey(SOURCE_TAG)}`, label: 'Source', kind: 'attribute', key: 'source', group: 'Attributes', sortable: true, width: 140 },
  { id: 'derived.datasets', label: 'Datasets', kind: 'attribute', key: 'datasets', group: 'Attributes', sortable: false, width: 120 },
];

/**
 * Shown from the column picker: hidden until the user asks for them, so that a sweep's metrics and
 * params fit beside the run names on a laptop screen (the table scrolls sideways for the rest).
 */
export const HIDDEN_BY_DEFAULT: readonly string[] = ['attributes.user_id', `tags.${quoteKey(SOURCE_TAG)}`, 'derived.datasets'];

function paramColumn(key: string): Column {
  return { id: `params.${quoteKey(key)}`, label: key, kind: 'param', key, group: 'Params', sortable: true, width: 100 };
}

/** Metric keys with a `/` prefix (`train/loss`, `val/loss`) are grouped under it. */
export function metricColumn(key: string): Column {
  const slash = key.lastIndexOf('/');
  const group = slash > 0 ? `Metrics · ${key.slice(0, slash + 1)}` : 'Metrics';
  return { id: `metrics.${quoteKey(key)}`, label: slash > 0 ? key.slice(slash + 1) : key, kind: 'metric', key, group, sortable: true, width: 110 };
}

/** All columns of the experiments shown, in display order: attributes, metrics by group, then params (as MLflow). */
export function allColumns(paramKeys: readonly string[], metricKeys: readonly string[]): Column[] {
  const metrics = [...metricKeys].map(metricColumn).sort((a, b) => (a.group === b.group ? a.key.localeCompare(b.key) : a.group === 'Metrics' ? -1 : b.group === 'Metrics' ? 1 : a.group.localeCompare(b.group)));
  return [...ATTRIBUTE_COLUMNS, ...metrics, ...[...paramKeys].sort().map(paramColumn)];
}

/** The orderBy entry of a sort: `metrics.mse ASC`. */
export const orderEntry = (column: string, descending: boolean) => `${column} ${descending ? 'DESC' : 'ASC'}`;

export function parseSort(text: string | undefined): { column: string; descending: boolean } | undefined {
  if (!text) return undefined;
  const m = /^(.*)\s+(ASC|DESC)$/i.exec(text.trim());
  return m ? { column: (m[1] as string).trim(), descending: (m[2] as string).toUpperCase() === 'DESC' } : { column: text.trim(), descending: false };
}
