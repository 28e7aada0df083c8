import { performance } from 'node:perf_hooks';
import type { HttpClient } from './http-client.js';

export interface LoadOptions {
  /** concurrent clients, each with at most one request in flight */
  clients: number;
  requestsPerClient: number;
  /** the body of a client's i-th request (a string built just before sending, so no big pool sits in memory) */
  body(client: number, i: number): string;
  /** throws when a response is not the expected success */
  check(response: { status: number; text: string }): void;
}

export interface LoadResult {
  seconds: number;
  requests: number;
  /** per-request latency, ms */
  latencies: number[];
  /** CPU the load generator itself used, seconds (to show the clients are cheap) */
  clientCpuSeconds: number;
}

/** Closed-loop load: every client sends its next request as soon as the previous one answered. */
export async function runLoad(http: HttpClient, path: string, options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const client = async (c: number) => {
    for (let i = 0; i < options.requestsPerClient; i++) {
      const body = options.body(c, i);
      const sent = performance.now();
      const response = await http.post(path, body);
      latencies.push(performance.now() - sent);
      options.check(response);
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, c) => client(c)));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { seconds, requests: latencies.length, latencies, clientCpuSeconds: (cpu.user + cpu.system) / 1e6 };
}
