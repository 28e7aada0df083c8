/** One measured figure of `npm run bench`. */
export interface BenchRow {
  /** what was measured, e.g. "ingest: logBatch over HTTP, 1,000-point batches, 4 clients" */
  name: string;
  value: number;
  unit: string;
  /** the target it is compared with, e.g. ">= 0.5 x raw" or "p50 <= 20 ms" */
  target?: string;
  pass?: boolean;
  notes?: string;
}

/** A benchmark module exports `bench: Bench`; bench/run.ts runs them all and writes the table and JSON. */
export interface Bench {
  name: string;
  run(): Promise<BenchRow[]>;
}
