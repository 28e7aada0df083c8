import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Mlflow } from '../api/mlflow-support.js';
import { type TestServer, startTestServer } from '../helpers/server.js';

// The MLflow REST answers that could be unbounded are paged: get-history without max_results, and a
// runs/search page whose runs carry too many params to answer at once. Clients follow next_page_token
// (the MLflow client does), and together the pages hold exactly everything.

let server: TestServer;
let mlflow: Mlflow;
beforeAll(async () => {
  server = await startTestServer();
  mlflow = new Mlflow(server.url);
});
afterAll(() => server.stop());

describe('get-history', () => {
  it('without max_results answers 100,000 points and a token; the pages hold the whole series once', async () => {
    const run = (await server.store.runs.create({ experimentId: '0', name: 'long' })).id;
    for (let b = 0; b < 150; b++) {
      await server.store.log.batch(run, { metrics: Array.from({ length: 1000 }, (_, i) => ({ key: 'loss', value: i, step: b * 1000 + i, timestamp: 1 })) });
    }
    const first = await mlflow.get('/metrics/get-history', { run_id: run, metric_key: 'loss' });
    expect(first.status).toBe(200);
    expect(first.body.metrics).toHaveLength(100_000);
    expect(first.body.next_page_token).toBeTypeOf('string');
    const second = await mlflow.get('/metrics/get-history', { run_id: run, metric_key: 'loss', page_token: first.body.next_page_token });
    expect(second.body.metrics).toHaveLength(50_000);
    expect(second.body.next_page_token).toBeUndefined();
    const steps = [...first.body.metrics, ...second.body.metrics].map((m: { step: number }) => m.step);
    expect(steps).toEqual(Array.from({ length: 150_000 }, (_, i) => i));
    // What the MLflow client asks for is answered as before.
    const client = await mlflow.get('/metrics/get-history', { run_id: run, metric_key: 'loss', max_results: 25_000 });
    expect(client.body.metrics).toHaveLength(25_000);
    expect(client.body.next_page_token).toBeTypeOf('string');
  }, 60_000);
});

describe('runs/search', () => {
  it('a page whose runs hold more than 200,000 params is cut short with a token; the pages hold every run once', async () => {
    const experimentId = (await server.store.experiments.create({ name: 'wide' })).id;
    const ids: string[] = [];
    for (let r = 0; r < 3; r++) ids.push((await server.store.runs.create({ experimentId, name: `wide-${r}`, startTime: r })).id);
    const db = server.store.db.sqlite;
    db?.transaction(() => {
      const insert = db.prepare('INSERT INTO params (run_id, key, value) VALUES (?, ?, ?)');
      for (const id of ids) for (let i = 0; i < 100_000; i++) insert.run(id, `p${i}`, 'v');
    })();
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const answer = await mlflow.post('/runs/search', { experiment_ids: [experimentId], max_results: 50_000, page_token: token });
      expect(answer.status, answer.text.slice(0, 300)).toBe(200);
      for (const run of answer.body.runs) {
        expect(run.data.params).toHaveLength(100_000);
        seen.push(run.info.run_id);
      }
      token = answer.body.next_page_token;
      pages++;
    } while (token);
    expect(pages).toBeGreaterThan(1);
    expect(seen.sort()).toEqual([...ids].sort());
  }, 60_000);
});
