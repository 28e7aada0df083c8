import { invalid, notFound } from '../errors.js';
import * as runs from '../repositories/runs.js';
import type { LongValuePolicy } from '../validation.js';
import type { StoreCore, Trx } from './core.js';
import { activeExperiment } from './experiments.js';
import { checkTags, writeTags } from './logging.js';
import type { KeyValue, Run, RunChange, StoreEvent } from './model.js';
import { activeRun } from './runs.js';

/**
 * The runs table's bulk actions: one change applied to a list of runs in ONE transaction, so a
 * selection is changed whole or not at all (an unknown id refuses the lot). A caller with more runs
 * than BULK_LIMIT sends them in chunks. Each changed run gets its own runChanged event; each
 * experiment whose runs were deleted or restored one RUNS event.
 */
export const BULK_LIMIT = 1000;

function checkIds(ids: unknown): string[] {
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || id === '')) {
    throw invalid('ids: a list of run ids is required', 'ids');
  }
  if (ids.length > BULK_LIMIT) throw invalid(`ids: at most ${BULK_LIMIT} runs per request, got ${ids.length}; send them in chunks`, 'ids');
  return [...new Set(ids as string[])];
}

/** Soft-deletes or restores every run; runs already in that state are left as they are. */
export async function setRunsLifecycle(core: StoreCore, ids: unknown, stage: 'active' | 'deleted'): Promise<Run[]> {
  const list = checkIds(ids);
  return core.write(async (trx, events) => {
    const result: Run[] = [];
    const experiments = new Set<string>();
    const now = core.now();
    for (const id of list) {
      const run = await runs.findForWrite(trx, id, core.lockRows);
      if (!run) throw notFound(`ids: no run with id=${id} exists`, 'ids');
      if (run.lifecycleStage === stage) {
        result.push(run);
        continue;
      }
      if (stage === 'active') await activeExperiment(trx, run.experimentId, 'experimentId');
      const deletedTime = stage === 'deleted' ? now : null;
      await runs.setLifecycle(trx, id, stage, deletedTime);
      events.push({ type: 'run', runId: id, experimentId: run.experimentId, kinds: [stage === 'deleted' ? 'DELETED' : 'RESTORED'] });
      experiments.add(run.experimentId);
      result.push({ ...run, lifecycleStage: stage, deletedTime });
    }
    for (const experimentId of experiments) events.push({ type: 'experiment', experimentId, kind: 'RUNS' });
    return result;
  });
}

/** Sets the same tags on every run (they must all be active), as logBatch would one run at a time. */
export async function setRunsTags(core: StoreCore, ids: unknown, tags: readonly KeyValue[], policy: LongValuePolicy): Promise<Run[]> {
  const list = checkIds(ids);
  const checked = checkTags(tags, 'tags', policy);
  if (checked.length === 0) throw invalid('tags: at least one tag is required', 'tags');
  return core.write(async (trx: Trx, events: StoreEvent[]) => {
    const result: Run[] = [];
    for (const id of list) {
      const run = await activeRun(core, trx, id, 'ids');
      const kinds: RunChange[] = [];
      result.push(await writeTags(trx, run, checked, kinds));
      events.push({ type: 'run', runId: run.id, experimentId: run.experimentId, kinds });
    }
    return result;
  });
}
