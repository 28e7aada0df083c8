import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { InProcessBus } from '../../schema/live/bus.js';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { type EventQueue, subscribe, wsClient } from '../helpers/ws.js';
import { ok } from '../helpers/graphql.js';
import { LOG_BATCH, createExperiment, createRun } from './ops.js';
import { waitFor } from './wait.js';

const RUN_CHANGED = `subscription($e: ID!) {
  runChanged(experimentId: $e) {
    kinds
    run { id name status lifecycleStage params { key value } tags { key value } latestMetrics { key value step } }
    metrics { key value step timestamp }
  }
}`;
const EXPERIMENT_CHANGED = `subscription {
  experimentChanged { kind experiment { id name lifecycleStage runCount tags { key value } } }
}`;

interface RunChanged {
  runChanged: {
    kinds: string[];
    run: {
      id: string;
      name: string;
      status: string;
      lifecycleStage: string;
      params: Array<{ key: string; value: string }>;
      tags: Array<{ key: string; value: string }>;
      latestMetrics: Array<{ key: string; value: number | string; step: number }>;
    };
    metrics: Array<{ key: string; value: number | string; step: number; timestamp: number }> | null;
  };
}
interface ExperimentChanged {
  experimentChanged: {
    kind: string;
    experiment: { id: string; name: string; lifecycleStage: string; runCount: number; tags: Array<{ key: string; value: string }> };
  };
}

let server: TestServer;
let client: Client;
let open: EventQueue[] = [];

beforeAll(async () => {
  server = await startTestServer();
  client = wsClient(server.url);
});

afterEach(async () => {
  for (const queue of open) queue.close();
  open = [];
  await waitFor(() => (server.bus as InProcessBus).subscriberCount === 0, 'the test\'s subscriptions to be released');
});

afterAll(async () => {
  await client?.dispose();
  await server?.stop();
});

/**
 * Subscribes and waits until the server listens. These subscriptions send nothing up front, so the
 * in-process bus's listener count is what tells that the subscription is in place.
 */
async function listen<T>(query: string, variables?: Record<string, unknown>): Promise<EventQueue<T>> {
  const bus = server.bus as InProcessBus;
  const expected = bus.subscriberCount + 1;
  const queue = subscribe<T>(client, query, variables);
  open.push(queue);
  await waitFor(() => bus.subscriberCount >= expected, 'the subscription to reach the server');
  return queue;
}

const gql = (query: string, variables?: Record<string, unknown>) => ok(server.url, query, variables);
const setTag = (runId: string, key: string, value: string) =>
  gql('mutation($id: ID!, $k: String!, $v: String!) { setTag(runId: $id, key: $k, value: $v) { id } }', { id: runId, k: key, v: value });
const byKey = <T extends { key: string }>(list: readonly T[] | null | undefined) => [...(list ?? [])].sort((a, b) => a.key.localeCompare(b.key));

describe('runChanged', () => {
  test('createRun sends CREATED for the run and RUNS for its experiment', async () => {
    const experimentId = await createExperiment(server.url, 'created-runs');
    const runs = await listen<RunChanged>(RUN_CHANGED, { e: experimentId });
    const experiments = await listen<ExperimentChanged>(EXPERIMENT_CHANGED);
    const runId = await createRun(server.url, experimentId, 'first-run');
    const event = (await runs.nextData()).runChanged;
    expect(event.kinds).toEqual(['CREATED']);
    expect(event.run).toMatchObject({ id: runId, name: 'first-run', status: 'RUNNING', lifecycleStage: 'ACTIVE' });
    expect(event.metrics).toBeNull();
    const change = (await experiments.nextData()).experimentChanged;
    expect(change).toMatchObject({ kind: 'RUNS', experiment: { id: experimentId, runCount: 1 } });
  });

  test('with runId, only that run\'s events arrive (a run page watching its run)', async () => {
    const experimentId = await createExperiment(server.url, 'one-run-only');
    const watched = await createRun(server.url, experimentId, 'watched');
    const other = await createRun(server.url, experimentId, 'other');
    const runs = await listen<{ runChanged: { kinds: string[]; run: { id: string } } }>(
      'subscription($e: ID!, $r: ID!) { runChanged(experimentId: $e, runId: $r) { kinds run { id } } }',
      { e: experimentId, r: watched },
    );
    await setTag(other, 'k', 'ignored');
    await setTag(watched, 'k', 'seen');
    const event = (await runs.nextData()).runChanged;
    expect(event).toEqual({ kinds: ['TAGS'], run: { id: watched } });
  });

  test('a logBatch with params, tags and metrics is one event: PARAMS, TAGS, METRICS, the run read fresh', async () => {
    const experimentId = await createExperiment(server.url, 'one-batch');
    const runId = await createRun(server.url, experimentId);
    const runs = await listen<RunChanged>(RUN_CHANGED, { e: experimentId });
    await gql(LOG_BATCH, {
      runId,
      params: [{ key: 'lr', value: '0.01' }],
      tags: [{ key: 'team', value: 'vision' }],
      metrics: [
        { key: 'loss', value: 0.9, step: 1, timestamp: 10 },
        { key: 'loss', value: 0.7, step: 2, timestamp: 20 },
        { key: 'acc', value: 'NaN', step: 2, timestamp: 20 },
      ],
    });
    const event = (await runs.nextData()).runChanged;
    expect([...event.kinds].sort()).toEqual(['METRICS', 'PARAMS', 'TAGS']);
    expect(byKey(event.metrics)).toEqual([
      { key: 'acc', value: 'NaN', step: 2, timestamp: 20 },
      { key: 'loss', value: 0.7, step: 2, timestamp: 20 },
    ]);
    expect(event.run.params).toEqual([{ key: 'lr', value: '0.01' }]);
    expect(event.run.tags).toContainEqual({ key: 'team', value: 'vision' });
    expect(byKey(event.run.latestMetrics)).toEqual([
      { key: 'acc', value: 'NaN', step: 2 },
      { key: 'loss', value: 0.7, step: 2 },
    ]);
    expect(runs.pending).toBe(0);
  });

  test('metrics carries only the latest values a write changed', async () => {
    const experimentId = await createExperiment(server.url, 'latest-values');
    const runId = await createRun(server.url, experimentId);
    const runs = await listen<RunChanged>(RUN_CHANGED, { e: experimentId });
    await gql(LOG_BATCH, { runId, metrics: [{ key: 'loss', value: 0.5, step: 5, timestamp: 50 }] });
    // A late point at an older step is stored, but the latest loss is still the one at step 5.
    await gql(LOG_BATCH, {
      runId,
      metrics: [
        { key: 'loss', value: 0.9, step: 1, timestamp: 60 },
        { key: 'acc', value: 0.1, step: 1, timestamp: 60 },
      ],
    });
    const [first, second] = (await runs.take(2)).map((e) => e.runChanged);
    expect(first?.metrics).toEqual([{ key: 'loss', value: 0.5, step: 5, timestamp: 50 }]);
    expect(second?.kinds).toEqual(['METRICS']);
    expect(second?.metrics).toEqual([{ key: 'acc', value: 0.1, step: 1, timestamp: 60 }]);
    expect(byKey(second?.run.latestMetrics)).toEqual([
      { key: 'acc', value: 0.1, step: 1 },
      { key: 'loss', value: 0.5, step: 5 },
    ]);
  });

  test('a rename is UPDATED, also through the mlflow.runName tag; other tags are TAGS only', async () => {
    const experimentId = await createExperiment(server.url, 'renames');
    const runId = await createRun(server.url, experimentId, 'before');
    const runs = await listen<RunChanged>(RUN_CHANGED, { e: experimentId });
    // Each event is taken before the next write: the run it carries is read when it is sent.
    const after = async (write: Promise<unknown>) => {
      await write;
      const event = (await runs.nextData()).runChanged;
      return [[...event.kinds].sort(), event.run.name, event.run.status];
    };
    expect(await after(gql('mutation($id: ID!) { updateRun(id: $id, name: "by-update") { id } }', { id: runId }))).toEqual([
      ['UPDATED'],
      'by-update',
      'RUNNING',
    ]);
    expect(await after(setTag(runId, 'mlflow.runName', 'by-tag'))).toEqual([['TAGS', 'UPDATED'], 'by-tag', 'RUNNING']);
    expect(await after(setTag(runId, 'note', 'hello'))).toEqual([['TAGS'], 'by-tag', 'RUNNING']);
    expect(await after(gql('mutation($id: ID!) { updateRun(id: $id, status: FINISHED, endTime: 5) { id } }', { id: runId }))).toEqual([
      ['UPDATED'],
      'by-tag',
      'FINISHED',
    ]);
  });

  test('params and tag deletions are PARAMS and TAGS events', async () => {
    const experimentId = await createExperiment(server.url, 'params-tags');
    const runId = await createRun(server.url, experimentId);
    await setTag(runId, 'temp', 'x');
    const runs = await listen<RunChanged>(RUN_CHANGED, { e: experimentId });
    await gql('mutation($id: ID!) { logParam(runId: $id, key: "depth", value: "3") { id } }', { id: runId });
    await gql('mutation($id: ID!) { deleteTag(runId: $id, key: "temp") { id } }', { id: runId });
    const [param, untag] = (await runs.take(2)).map((e) => e.runChanged);
    expect(param?.kinds).toEqual(['PARAMS']);
    expect(param?.run.params).toEqual([{ key: 'depth', value: '3' }]);
    expect(untag?.kinds).toEqual(['TAGS']);
    expect(untag?.run.tags.map((t) => t.key)).not.toContain('temp');
  });

  test('only runs of the subscribed experiment are sent; a refused write sends nothing', async () => {
    const watched = await createExperiment(server.url, 'watched');
    const other = await createExperiment(server.url, 'not-watched');
    const inWatched = await createRun(server.url, watched);
    const inOther = await createRun(server.url, other);
    const runs = await listen<RunChanged>(RUN_CHANGED, { e: watched });
    await setTag(inOther, 'k', 'v');
    await gql('mutation($id: ID!) { logParam(runId: $id, key: "p", value: "1") { id } }', { id: inWatched });
    const refused = await server.gql('mutation($id: ID!) { logParam(runId: $id, key: "p", value: "2") { id } }', { id: inWatched });
    expect(refused.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
    await setTag(inWatched, 'k', 'v');
    const events = (await runs.take(2)).map((e) => e.runChanged);
    expect(events.map((e) => [e.run.id, e.kinds])).toEqual([
      [inWatched, ['PARAMS']],
      [inWatched, ['TAGS']],
    ]);
  });

  test('uploading or deleting an artifact is an ARTIFACTS event', async () => {
    const experimentId = await createExperiment(server.url, 'artifacts');
    const runId = await createRun(server.url, experimentId);
    const runs = await listen<RunChanged>(RUN_CHANGED, { e: experimentId });
    const put = await fetch(`${server.url}/artifacts/${runId}/model/weights.txt`, { method: 'PUT', body: 'w=1' });
    expect(put.status).toBe(200);
    expect((await runs.nextData()).runChanged.kinds).toEqual(['ARTIFACTS']);
    const removed = await fetch(`${server.url}/artifacts/${runId}/model/weights.txt`, { method: 'DELETE' });
    expect(removed.status).toBe(200);
    expect((await runs.nextData()).runChanged.kinds).toEqual(['ARTIFACTS']);
  });

  test('deleting and restoring a run sends DELETED / RESTORED and RUNS for its experiment', async () => {
    const experimentId = await createExperiment(server.url, 'run-lifecycle');
    const runId = await createRun(server.url, experimentId);
    const runs = await listen<RunChanged>(RUN_CHANGED, { e: experimentId });
    const experiments = await listen<ExperimentChanged>(EXPERIMENT_CHANGED);
    await gql('mutation($id: ID!) { deleteRun(id: $id) { id } }', { id: runId });
    const deleted = (await runs.nextData()).runChanged;
    expect([deleted.kinds, deleted.run.lifecycleStage]).toEqual([['DELETED'], 'DELETED']);
    await gql('mutation($id: ID!) { deleteRun(id: $id) { id } }', { id: runId }); // idempotent: no change, no event
    await gql('mutation($id: ID!) { restoreRun(id: $id) { id } }', { id: runId });
    const restored = (await runs.nextData()).runChanged;
    expect([restored.kinds, restored.run.lifecycleStage]).toEqual([['RESTORED'], 'ACTIVE']);
    const changes = (await experiments.take(2)).map((e) => e.experimentChanged);
    expect(changes.map((c) => [c.kind, c.experiment.id])).toEqual([
      ['RUNS', experimentId],
      ['RUNS', experimentId],
    ]);
    expect(runs.pending + experiments.pending).toBe(0);
  });
});

describe('experimentChanged', () => {
  test('create, rename and tag send CREATED, RENAMED and TAGS with the experiment read fresh', async () => {
    const experiments = await listen<ExperimentChanged>(EXPERIMENT_CHANGED);
    // Each event is taken before the next write, so "read fresh" has one right answer.
    const id = await createExperiment(server.url, 'to-rename');
    const created = (await experiments.nextData()).experimentChanged;
    await gql('mutation($id: ID!) { renameExperiment(id: $id, name: "renamed") { id } }', { id });
    const renamed = (await experiments.nextData()).experimentChanged;
    await gql('mutation($id: ID!) { setExperimentTag(id: $id, key: "owner", value: "ana") { id } }', { id });
    const tagged = (await experiments.nextData()).experimentChanged;
    const events = [created, renamed, tagged];
    expect(events.map((e) => [e.kind, e.experiment.id, e.experiment.name])).toEqual([
      ['CREATED', id, 'to-rename'],
      ['RENAMED', id, 'renamed'],
      ['TAGS', id, 'renamed'],
    ]);
    expect(events[2]?.experiment.tags).toEqual([{ key: 'owner', value: 'ana' }]);
  });

  test('deleting or restoring an experiment with runs sends one event, not one per run', async () => {
    const id = await createExperiment(server.url, 'many-runs');
    const runIds = await Promise.all([1, 2, 3, 4, 5].map(() => createRun(server.url, id)));
    const experiments = await listen<ExperimentChanged>(EXPERIMENT_CHANGED);
    const runs = await listen<RunChanged>(RUN_CHANGED, { e: id });
    await gql('mutation($id: ID!) { deleteExperiment(id: $id) { id } }', { id });
    const deleted = (await experiments.nextData()).experimentChanged;
    expect([deleted.kind, deleted.experiment.lifecycleStage]).toEqual(['DELETED', 'DELETED']);
    await gql('mutation($id: ID!) { restoreExperiment(id: $id) { id } }', { id });
    // The next event is the restore: the cascade to five runs sent nothing more.
    const restored = (await experiments.nextData()).experimentChanged;
    expect([restored.kind, restored.experiment.lifecycleStage, restored.experiment.runCount]).toEqual(['RESTORED', 'ACTIVE', 5]);
    await setTag(runIds[0] as string, 'after', 'restore');
    // The runs' own stream has no per-run events for the cascade: its next event is the tag.
    const next = (await runs.nextData()).runChanged;
    expect([next.run.id, next.kinds]).toEqual([runIds[0], ['TAGS']]);
    expect(experiments.pending).toBe(0);
  });
});
