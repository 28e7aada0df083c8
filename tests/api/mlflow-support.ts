import { expect } from 'vitest';

/** A tiny MLflow REST client for tests: what the Python client sends, nothing more. */
export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export class Mlflow {
  constructor(
    readonly baseUrl: string,
    readonly prefix = '/api/2.0/mlflow',
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${this.prefix}${path}`, init);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers, text };
  }

  post<T = any>(path: string, body: unknown = {}) {
    return this.request<T>('POST', path, body);
  }

  /** GET with query parameters; an array value repeats the key. */
  get<T = any>(path: string, query: Record<string, string | number | string[]> = {}) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      for (const v of Array.isArray(value) ? value : [value]) params.append(key, String(v));
    }
    const qs = params.toString();
    return this.request<T>('GET', qs ? `${path}?${qs}` : path);
  }

  /** POST that must answer 200; returns the body. */
  async ok<T = any>(path: string, body: unknown = {}): Promise<T> {
    const answer = await this.post<T>(path, body);
    expect(answer.status, `${path}: ${answer.text}`).toBe(200);
    return answer.body;
  }

  async getOk<T = any>(path: string, query: Record<string, string | number | string[]> = {}): Promise<T> {
    const answer = await this.get<T>(path, query);
    expect(answer.status, `${path}: ${answer.text}`).toBe(200);
    return answer.body;
  }

  async createExperiment(name: string): Promise<string> {
    return (await this.ok<{ experiment_id: string }>('/experiments/create', { name })).experiment_id;
  }

  /** Creates a run the way the Python client does and returns its id. */
  async createRun(experimentId = '0', extra: Record<string, unknown> = {}): Promise<string> {
    const body = await this.ok('/runs/create', {
      experiment_id: experimentId,
      user_id: 'tester',
      start_time: Date.now(),
      tags: [{ key: 'mlflow.user', value: 'tester' }],
      ...extra,
    });
    return body.run.info.run_id as string;
  }

  async getRun(runId: string): Promise<any> {
    return (await this.getOk('/runs/get', { run_id: runId })).run;
  }
}

/** Asserts an MLflow error answer: status, error_code, and (optionally) text in the message. */
export function expectError(answer: Answer, status: number, code: string, message?: string | RegExp): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.body.error_code, answer.text).toBe(code);
  expect(typeof answer.body.message).toBe('string');
  if (message !== undefined) {
    if (typeof message === 'string') expect(answer.body.message).toContain(message);
    else expect(answer.body.message).toMatch(message);
  }
}

export const tagValue = (run: any, key: string): string | undefined =>
  (run.data.tags ?? []).find((t: { key: string }) => t.key === key)?.value;

export const param = (run: any, key: string): string | undefined =>
  (run.data.params ?? []).find((p: { key: string }) => p.key === key)?.value;

export const metric = (run: any, key: string): any => (run.data.metrics ?? []).find((m: { key: string }) => m.key === key);
