import { readFileSync } from 'node:fs';
import { buildSchema, findBreakingChanges, findDangerousChanges } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printedSchema, schema } from '../../schema/index.js';

// schema/schema.graphql is the committed contract the typed client and the dashboard are generated
// from (docs/architecture.md section 4): it must be exactly what the Pothos schema prints.

const SDL_PATH = new URL('../../schema/schema.graphql', import.meta.url);

describe('schema/schema.graphql', () => {
  it('equals the printed schema (run `npm run schema:print` when this fails)', () => {
    const committed = readFileSync(SDL_PATH, 'utf8');
    const printed = printedSchema();
    if (committed !== printed) {
      const breaking = findBreakingChanges(buildSchema(committed), schema).map((c) => `  breaking: ${c.description}`);
      const dangerous = findDangerousChanges(buildSchema(committed), schema).map((c) => `  dangerous: ${c.description}`);
      expect.fail(
        [
          'schema/schema.graphql is stale: run `npm run schema:print` and commit the result.',
          ...breaking,
          ...dangerous,
        ].join('\n'),
      );
    }
    expect(committed).toBe(printed);
  });

  it('declares the contract of docs/architecture.md section 4', () => {
    const sdl = buildSchema(readFileSync(SDL_PATH, 'utf8'));
    const fields = (type: string) => Object.keys((sdl.getType(type) as { getFields(): object }).getFields()).sort();
    expect(fields('Query')).toEqual(
      expect.arrayContaining(['experiment', 'experiments', 'metricHistories', 'metricHistory', 'metricPoints', 'run', 'runs']),
    );
    expect(fields('Mutation')).toEqual(
      expect.arrayContaining([
        'createExperiment',
        'createRun',
        'deleteExperiment',
        'deleteExperimentTag',
        'deleteRun',
        'deleteTag',
        'logBatch',
        'logMetric',
        'logParam',
        'renameExperiment',
        'restoreExperiment',
        'restoreRun',
        'setExperimentTag',
        'setTag',
        'updateRun',
      ]),
    );
    expect(fields('Subscription')).toEqual(expect.arrayContaining(['experimentChanged', 'metricsLogged', 'runChanged']));
    expect(fields('MetricSeries')).toEqual(['bucketWidth', 'key', 'lastSeq', 'points', 'runId', 'sampled', 'totalPoints']);
    expect(fields('MetricPoint')).toEqual(['count', 'max', 'min', 'step', 'timestamp', 'value']);
    expect(sdl.getType('Long')).toBeDefined();
    expect(sdl.getType('MetricValue')).toBeDefined();
  });
});
