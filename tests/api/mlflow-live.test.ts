import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { subscribe, wsClient } from '../helpers/ws.js';
import { Mlflow } from './mlflow-support.js';

let server: TestServer;
let client: Client;
let mlflow: Mlflow;

beforeAll(async () => {
  server = await startTestServer();
  client = wsClient(server.url);
  mlflow = new Mlflow(server.url);
});
afterAll(async () => {
  await client?.dispose();
  await server?.stop();
});

const METRICS_LOGGED = `subscription($runIds: [ID!]!, $sinceSeq: Long) { metricsLogged(runIds: $runIds, sinceSeq: $sinceSeq) { runId seq metrics { key value step timestamp } } }`;
const RUN_CHANGED = `subscription($experimentId: ID!) { runChanged(experimentId: $experimentId) { kinds run { id name params { key value } } } }`;

test('metrics, params and renames written through MLflow REST reach GraphQL subscribers', async () => {
  const runId = await mlflow.createRun('0');
  // sinceSeq 0 replays every write of the run: no event is lost however fast the writes follow.
  const metrics = subscribe(client, METRICS_LOGGED, { runIds: [runId], sinceSeq: 0 });
  const changes = subscribe(client, RUN_CHANGED, { experimentId: '0' });

  await mlflow.ok('/runs/log-metric', { run_id: runId, key: 'mse', value: 'NaN', timestamp: 1795707818148, step: 3 });
  await mlflow.ok('/runs/log-batch', { run_id: runId, metrics: [{ key: 'acc', value: 0.5, timestamp: 7, step: 4 }], params: [{ key: 'degree', value: '2' }] });

  const [first, second] = await metrics.take(2);
  expect(first?.metricsLogged).toEqual({ runId, seq: 1, metrics: [{ key: 'mse', value: 'NaN', step: 3, timestamp: 1795707818148 }] });
  expect(second?.metricsLogged).toEqual({ runId, seq: 2, metrics: [{ key: 'acc', value: 0.5, step: 4, timestamp: 7 }] });

  await mlflow.ok('/runs/set-tag', { run_id: runId, key: 'mlflow.runName', value: 'renamed-live' });
  const events = [];
  for (;;) {
    const event = (await changes.nextData()) as any;
    events.push(event.runChanged);
    if (event.runChanged.kinds.includes('UPDATED')) break;
  }
  expect(events.at(-1).run).toEqual({ id: runId, name: 'renamed-live', params: [{ key: 'degree', value: '2' }] });
  metrics.close();
  changes.close();
});
