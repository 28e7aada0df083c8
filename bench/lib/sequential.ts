import { performance } from 'node:perf_hooks';

/** Runs `request` `count` times one after another (after `warmup` unmeasured runs); latencies in ms. */
export async function measureSequential(count: number, warmup: number, request: (i: number) => Promise<void>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await request(i);
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await request(warmup + i);
    latencies.push(performance.now() - started);
  }
  return latencies;
}
