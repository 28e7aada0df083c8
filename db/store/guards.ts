import type { Queryable } from '../connect.js';
import type { Experiment, Run } from '../entities.js';
import { failedPrecondition, invalid, notFound } from '../errors.js';
import * as experiments from '../repositories/experiments.js';
import * as runs from '../repositories/runs.js';
import { isExperimentIdShape } from '../validation.js';
import type { StoreCore } from './core.js';

/**
 * What every write checks first about the run or experiment it writes to, in its transaction:
 * unknown -> NOT_FOUND, deleted -> FAILED_PRECONDITION. On Postgres the run's row is locked until
 * commit, which orders its writes (and their metric seqs) across connections and servers.
 */
export async function activeRun(core: StoreCore, trx: Queryable, id: unknown, field = 'runId'): Promise<Run> {
  if (typeof id !== 'string' || id === '') throw invalid(`${field}: a run id is required`, field);
  const run = await runs.findForWrite(trx, id, core.lockRows);
  if (!run) throw notFound(`${field}: no run with id=${id} exists`, field);
  if (run.lifecycleStage !== 'active') {
    throw failedPrecondition(`${field}: the run ${id} must be in the 'active' state; it is deleted`, field);
  }
  return run;
}

export async function activeExperiment(trx: Queryable, id: string, field = 'experimentId'): Promise<Experiment> {
  const experiment = await existingExperiment(trx, id, field);
  if (experiment.lifecycleStage !== 'active') {
    throw failedPrecondition(`${field}: the experiment ${id} must be in the 'active' state; it is deleted`, field);
  }
  return experiment;
}

export async function existingExperiment(trx: Queryable, id: string, field: string): Promise<Experiment> {
  if (!isExperimentIdShape(id)) throw notFound(`${field}: no experiment with id=${JSON.stringify(id)} exists`, field);
  const experiment = await experiments.findById(trx, Number(id));
  if (!experiment) throw notFound(`${field}: no experiment with id=${id} exists`, field);
  return experiment;
}
