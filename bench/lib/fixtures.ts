import type { HttpClient } from './http-client.js';

/** Creates an experiment and `count` runs in it over GraphQL; returns the run ids. */
export async function createRuns(http: HttpClient, experimentName: string, count: number): Promise<{ experimentId: string; runIds: string[] }> {
  const { createExperiment } = await http.graphql<{ createExperiment: { id: string } }>(
    'mutation($name: String!) { createExperiment(name: $name) { id } }',
    { name: experimentName },
  );
  const runIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const { createRun } = await http.graphql<{ createRun: { id: string } }>(
      'mutation($experimentId: ID!, $name: String) { createRun(experimentId: $experimentId, name: $name) { id } }',
      { experimentId: createExperiment.id, name: `bench-${i}` },
    );
    runIds.push(createRun.id);
  }
  return { experimentId: createExperiment.id, runIds };
}
