import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/server.js';

// What one request may ask for (docs/architecture.md section 4): depth, aliases, root fields, run ids per
// metricHistories, estimated cost, page sizes (refused, never clamped) and the 16 MB body limit.

let server: TestServer;
let runId: string;
beforeAll(async () => {
  server = await startTestServer();
  runId = (await server.ok(`mutation { createRun(experimentId: "0", name: "limits") { id } }`)).createRun.id;
  await server.ok(`mutation { logMetric(runId: "${runId}", key: "m", value: 1, timestamp: 1) { id } }`);
});
afterAll(() => server.stop());

async function expectInvalid(query: string, message: string | RegExp, variables?: Record<string, unknown>) {
  const result = await server.gql(query, variables);
  expect(result.errors, JSON.stringify(result)).toHaveLength(1);
  const [error] = result.errors as [{ message: string; extensions: { code: string } }];
  expect(error.extensions.code).toBe('INVALID_ARGUMENT');
  if (typeof message === 'string') expect(error.message).toContain(message);
  else expect(error.message).toMatch(message);
  // No data: null at the top, or (for an error in a nested field) null in its nullable root field.
  expect(Object.values(result.data ?? {}).every((value) => value === null)).toBe(true);
}
async function expectAllowed(query: string, variables?: Record<string, unknown>) {
  const result = await server.gql(query, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data;
}

describe('operation shape', () => {
  const nested = (parents: number) => `{ run(id: "${runId}") { ${'parent { '.repeat(parents)}id${' }'.repeat(parents)} } }`;

  it('allows depth 12 and refuses 13', async () => {
    await expectAllowed(nested(10)); // run + 10 parents + id = 12 levels
    await expectInvalid(nested(11), 'the maximum depth is 12, got 13');
  });

  it('counts depth through fragments too', async () => {
    const query = `query { run(id: "${runId}") { ...A } }
      fragment A on Run { parent { parent { parent { ...B } } } }
      fragment B on Run { parent { parent { parent { parent { parent { parent { parent { parent { id } } } } } } } } }`;
    await expectInvalid(query, 'maximum depth is 12');
  });

  it('allows 30 aliases and refuses 31', async () => {
    const aliases = (n: number) => `{ run(id: "${runId}") { ${Array.from({ length: n }, (_, i) => `a${i}: id`).join(' ')} } }`;
    await expectAllowed(aliases(30));
    await expectInvalid(aliases(31), 'at most 30 aliases are allowed, got 31');
  });

  it('allows 20 root fields and refuses 21', async () => {
    const roots = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `r${i}: run(id: "${runId}") { id }`).join(' ')} }`;
    await expectAllowed(roots(20));
    await expectInvalid(roots(21), 'at most 20 root fields are allowed, got 21');
  });

  it('applies the limits to mutations as well, before anything runs', async () => {
    const mutation = `mutation { ${Array.from({ length: 21 }, (_, i) => `m${i}: setTag(runId: "${runId}", key: "limit${i}", value: "v") { id }`).join(' ')} }`;
    await expectInvalid(mutation, 'root fields');
    const tags = await server.ok(`{ run(id: "${runId}") { tags { key } } }`);
    expect(tags.run.tags.some((t: { key: string }) => t.key.startsWith('limit'))).toBe(false);
  });
});

describe('metricHistories and cost', () => {
  it('allows 200 series of 999 points (200,000 rows) and refuses 201, or 1,001 run ids, before anything runs', async () => {
    const runs = await Promise.all(Array.from({ length: 200 }, (_, i) => server.store.runs.create({ experimentId: '0', name: `cost-${i}` })));
    const ids = runs.map((r) => r.id);
    // Each series reads up to maxPoints points whether or not they are selected.
    const query = `query($ids: [ID!]!) { metricHistories(runIds: $ids, key: "m", maxPoints: 999) { totalPoints } }`;
    const data = await expectAllowed(query, { ids });
    expect(data.metricHistories).toHaveLength(200);
    await expectInvalid(query, 'too costly, an estimated 201000 rows (the limit is 200000)', { ids: [...ids, 'x'] });
    const many = Array.from({ length: 1001 }, (_, i) => `r${i}`);
    await expectInvalid(`query($ids: [ID!]!) { metricHistories(runIds: $ids, key: "m", maxPoints: 1) { totalPoints } }`, 'runIds: at most 1000 runs', { ids: many });
  });

  it('refuses an operation whose estimated rows exceed 200,000, before it runs', async () => {
    await expectInvalid(
      `{ runs(experimentIds: ["0"], first: 1000) { edges { node { history(key: "m", maxPoints: 201) { points { step } } } } } }`,
      /too costly, an estimated 202000 rows/,
    );
    await expectInvalid(
      `{ experiments(first: 100) { edges { node { runs(first: 1000) { edges { node { params { key } } } } } } } }`,
      'too costly',
    );
    // Sizes given as variables count as well.
    const viaVariables = `query($n: Int, $p: Int) { runs(experimentIds: ["0"], first: $n) { edges { node { history(key: "m", maxPoints: $p) { points { step } } } } } }`;
    await expectInvalid(viaVariables, 'too costly', { n: 1000, p: 201 });
    await expectAllowed(viaVariables, { n: 1000, p: 100 });
    await expectAllowed(`{ runs(experimentIds: ["0"], first: 1000) { edges { node { history(key: "m", maxPoints: 100) { points { step } } } } } }`);
  });
});

describe('page sizes are refused above the maximum, not clamped', () => {
  const cases: Array<[string, string]> = [
    ['runs', `{ runs(experimentIds: ["0"], first: 1001) { totalCount } }`],
    ['experiments', `{ experiments(first: 1001) { totalCount } }`],
    ['Experiment.runs', `{ experiment(id: "0") { runs(first: 1001) { totalCount } } }`],
    ['metricPoints', `{ metricPoints(runId: "RUN", key: "m", first: 25001) { totalCount } }`],
    ['negative first', `{ runs(experimentIds: ["0"], first: -1) { totalCount } }`],
  ];
  it.each(cases)('%s', async (_name, query) => {
    await expectInvalid(query.replace('RUN', runId), 'first: must be between 0 and');
  });

  it('allows the maxima', async () => {
    await expectAllowed(`{ runs(experimentIds: ["0"], first: 1000) { totalCount } }`);
    await expectAllowed(`{ experiments(first: 1000) { totalCount } }`);
    await expectAllowed(`{ metricPoints(runId: "${runId}", key: "m", first: 25000) { totalCount } }`);
  });
});

describe('request bodies', () => {
  /** A raw POST, so the test controls content-length and chunking. */
  function post(body: Buffer, chunked: boolean): Promise<{ status: number; json: any }> {
    return new Promise((resolve, reject) => {
      const url = new URL(`${server.url}/graphql`);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(chunked ? {} : { 'content-length': body.length }) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
        },
      );
      // The server may answer and close before reading everything: that is the point.
      req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
      if (chunked) {
        for (let i = 0; i < body.length; i += 1 << 20) req.write(body.subarray(i, i + (1 << 20)));
        req.end();
      } else req.end(body);
    });
  }
  const bodyOf = (size: number) => {
    const head = `{"query":"{ run(id: \\"${runId}\\") { id } }","variables":{"pad":"`;
    const tail = '"}}';
    return Buffer.from(head + 'x'.repeat(size - head.length - tail.length) + tail);
  };

  it('answers 413 with a JSON error to a body over 16 MB, declared or chunked, and writes nothing', async () => {
    for (const chunked of [false, true]) {
      const response = await post(bodyOf(16 * 1024 * 1024 + 1), chunked);
      expect(response.status).toBe(413);
      expect(response.json.errors[0].extensions.code).toBe('INVALID_ARGUMENT');
      expect(response.json.errors[0].message).toContain('16777216');
    }
  });

  it('accepts a body of just under 16 MB', async () => {
    for (const chunked of [false, true]) {
      const response = await post(bodyOf(16 * 1024 * 1024 - 64), chunked);
      expect(response.status).toBe(200);
      expect(response.json.data.run.id).toBe(runId);
    }
  });
});
