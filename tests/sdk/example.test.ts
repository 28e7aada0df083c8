import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../client/sdk/index.js';
import { type TestServer, startTestServer } from '../helpers/server.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('examples/polynomial-degree.ts (npm run example)', () => {
  it('logs one run per degree with its metrics and model, and prints the table, the best degree and the dashboard URL', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'examples/polynomial-degree.ts'], {
      cwd: ROOT,
      env: { ...process.env, TRACKLINE_URL: server.url },
    });
    expect(stdout).toMatch(/best degree: \d+/);
    expect(stdout).toContain(`dashboard: ${server.url}/`);

    const tl = connect({ url: server.url, exitHandlers: false });
    const experiment = await tl.getExperiment({ name: 'polynomial-degree' });
    const runs = await tl.searchRuns(experiment?.id ?? '', { orderBy: ['params.degree ASC'] });
    expect(runs).toHaveLength(10);
    const byDegree = new Map(runs.map((r) => [Number(r.params.degree), r]));
    expect([...byDegree.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const run of runs) {
      expect(run.status).toBe('FINISHED');
      expect(Object.keys(run.metrics).sort()).toEqual(['mse', 'train_mse']);
      expect(run.tags.model).toBe('polynomial-regression');
    }
    // A line cannot follow a parabola; degree 2 is the truth and lands near the noise floor (variance 4).
    expect(byDegree.get(1)?.metrics.mse).toBeGreaterThan(20);
    expect(byDegree.get(2)?.metrics.mse).toBeGreaterThan(2);
    expect(byDegree.get(2)?.metrics.mse).toBeLessThan(8);

    const degree2 = byDegree.get(2)?.id ?? '';
    const files = (await tl.listArtifacts(degree2, 'model')).map((e) => e.path).sort();
    expect(files).toEqual(['model/MLmodel', 'model/model.json']);
    const saved = await (await fetch(`${server.url}/artifacts/${degree2}/model/model.json`)).json();
    expect(saved).toMatchObject({ degree: 2, coefficients: expect.any(Array) });
    expect(saved.coefficients).toHaveLength(3);
  });
});
