import type { RunsPageQuery, ViewType } from '../graphql/graphql.js';
import type { Column } from '../lib/columns.js';
import { formatTime } from '../lib/format.js';
import { fetchData } from './client.js';
import { RunsPageDoc } from './operations.js';
import { type RunRow, columnValue, toRow } from './runs-model.js';

/** A CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** Numbers as they are (a duration in ms), the start time as the table shows it. */
function cell(run: RunRow, column: Column, now: number): string {
  const value = columnValue(run, column, now);
  if (value === undefined) return '';
  return column.key === 'startTime' && column.kind === 'attribute' ? formatTime(value as number) : String(value);
}

/**
 * The whole table as CSV: the current filter, order and columns, every matching run, read page by
 * page (keyset cursors, 500 runs a request) and assembled as a Blob, then downloaded.
 */
export async function exportRunsCsv(
  search: { experimentIds: string[]; filter: string | null; orderBy: string[] | null; view: ViewType },
  columns: Column[],
  progress: (n: number) => void,
  fileName: string,
): Promise<void> {
  const parts: string[] = [`${['run_id', ...columns.map((c) => c.id)].map(field).join(',')}\r\n`];
  let after: string | null = null;
  let n = 0;
  for (;;) {
    const data: RunsPageQuery = await fetchData(RunsPageDoc, { ...search, first: 500, after });
    const lines = data.runs.edges.map((e) => {
      const run = toRow(e.node);
      return `${[run.id, ...columns.map((c) => cell(run, c, Date.now()))].map(field).join(',')}\r\n`;
    });
    parts.push(lines.join(''));
    n += lines.length;
    progress(n);
    if (!data.runs.pageInfo.hasNextPage) break;
    after = data.runs.pageInfo.endCursor ?? null;
  }
  download(new Blob(parts, { type: 'text/csv' }), fileName);
}

export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
