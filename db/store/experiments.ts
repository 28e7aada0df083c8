import type { Experiment, KeyValue, Page, ViewType } from '../entities.js';
import { alreadyExists, invalid, notFound } from '../errors.js';
import * as experiments from '../repositories/experiments.js';
import * as runs from '../repositories/runs.js';
import { searchExperiments } from '../search/experiments-query.js';
import {
  LIMITS,
  checkArtifactLocation,
  checkExperimentName,
  checkKey,
  checkString,
  experimentIdNumbers,
  isExperimentIdShape,
  withinReadCap,
} from '../validation.js';
import { type StoreCore, isUniqueViolation } from './core.js';
import { activeExperiment, existingExperiment } from './guards.js';

const DEFAULT_EXPERIMENT_NAME = 'Default';

/** What to answer when asked to delete what is deleted (or restore what is active). */
export type RepeatPolicy = 'ok' | 'not-found';

export interface SearchExperimentsArgs {
  filter?: string | null;
  orderBy?: readonly string[] | null;
  view: ViewType;
  first: number;
  after?: string | null;
}

/** Experiments: names unique among active and deleted ones, soft delete cascading to their runs, tags. */
export class ExperimentStore {
  constructor(private readonly core: StoreCore) {}

  /** Experiment "0" named Default exists from the first start on (re-created only if missing entirely). */
  async ensureDefault(): Promise<void> {
    await this.core.write(async (trx) => {
      if (await experiments.findById(trx, 0)) return;
      if (await experiments.findByName(trx, DEFAULT_EXPERIMENT_NAME)) return;
      await experiments.insert(trx, { id: 0, name: DEFAULT_EXPERIMENT_NAME, artifactLocation: 'mlflow-artifacts:/0', time: this.core.now() });
    });
  }

  async create(input: { name: unknown; artifactLocation?: unknown; tags?: readonly KeyValue[] }): Promise<Experiment> {
    const name = checkExperimentName(input.name);
    const location = checkArtifactLocation(input.artifactLocation ?? '');
    const tags = checkExperimentTags(input.tags ?? [], 'tags');
    const write = this.core.write(async (trx, events) => {
      if (await experiments.findByName(trx, name)) throw nameTaken(name);
      const id = await experiments.insert(trx, { name, artifactLocation: location, time: this.core.now() });
      // Without an explicit location, artifacts live under the server's own store (docs/architecture.md).
      if (!location) await experiments.setArtifactLocation(trx, id, `mlflow-artifacts:/${id}`);
      await experiments.upsertTags(trx, id, tags);
      events.push({ type: 'experiment', experimentId: String(id), kind: 'CREATED' });
      return (await experiments.findById(trx, id)) as Experiment;
    });
    return write.catch(rethrowNameTaken(name));
  }

  async get(id: string): Promise<Experiment | undefined> {
    if (!isExperimentIdShape(id)) return undefined;
    return experiments.findById(this.core.db.kysely, Number(id));
  }

  async getByName(name: string): Promise<Experiment | undefined> {
    return experiments.findByName(this.core.db.kysely, name);
  }

  async rename(id: string, newName: unknown): Promise<Experiment> {
    const name = checkExperimentName(newName);
    const write = this.core.write(async (trx, events) => {
      const experiment = await activeExperiment(trx, id, 'id');
      if (experiment.name === name) return experiment;
      if (await experiments.findByName(trx, name)) throw nameTaken(name);
      await experiments.rename(trx, Number(experiment.id), name, this.core.now());
      events.push({ type: 'experiment', experimentId: experiment.id, kind: 'RENAMED' });
      return (await experiments.findById(trx, Number(id))) as Experiment;
    });
    return write.catch(rethrowNameTaken(name));
  }

  delete(id: string, repeat: RepeatPolicy = 'ok'): Promise<Experiment> {
    return this.setLifecycle(id, 'deleted', repeat);
  }

  restore(id: string, repeat: RepeatPolicy = 'ok'): Promise<Experiment> {
    return this.setLifecycle(id, 'active', repeat);
  }

  async setTag(id: string, key: unknown, value: unknown): Promise<Experiment> {
    const tag = checkExperimentTag(key, value, 'key', 'value');
    return this.core.write(async (trx, events) => {
      const experiment = await activeExperiment(trx, id, 'id');
      await experiments.upsertTags(trx, Number(id), [tag]);
      events.push({ type: 'experiment', experimentId: experiment.id, kind: 'TAGS' });
      return experiment;
    });
  }

  async deleteTag(id: string, key: unknown): Promise<Experiment> {
    const checked = checkString(key, 'key');
    return this.core.write(async (trx, events) => {
      const experiment = await activeExperiment(trx, id, 'id');
      if (!(await experiments.deleteTag(trx, Number(id), checked))) {
        throw notFound(`key: no tag with name ${JSON.stringify(checked)} on experiment ${id}`, 'key');
      }
      events.push({ type: 'experiment', experimentId: experiment.id, kind: 'TAGS' });
      return experiment;
    });
  }

  async search(args: SearchExperimentsArgs): Promise<Page<Experiment>> {
    const page = await searchExperiments(this.core.db, {
      filter: args.filter ?? undefined,
      orderBy: args.orderBy ? [...args.orderBy] : undefined,
      view: args.view,
      first: args.first,
      after: args.after ?? undefined,
    });
    return { ...page, items: page.rows.map(experiments.toExperiment) };
  }

  // Batched reads for dataloaders: one query per call, whatever the number of ids.

  byIds(ids: readonly string[]) {
    return experiments.findByIds(this.core.db.kysely, experimentIdNumbers(ids));
  }

  async tagsOf(ids: readonly string[]) {
    return withinReadCap(await experiments.tagsFor(this.core.db.kysely, experimentIdNumbers(ids)), 'tags');
  }

  runStats(ids: readonly string[]) {
    return experiments.runStats(this.core.db.kysely, experimentIdNumbers(ids));
  }

  /** The param or metric keys the active runs of each experiment use. */
  async keysOf(kind: 'params' | 'metrics', ids: readonly string[]) {
    const rows = await experiments.keysOf(this.core.db.kysely, kind === 'params' ? 'params' : 'latest_metrics', experimentIdNumbers(ids));
    return withinReadCap(rows, kind === 'params' ? 'paramKeys' : 'metricKeys');
  }

  /** Soft delete or restore, cascading to every run of the experiment; one event for the experiment. */
  private setLifecycle(id: string, stage: 'active' | 'deleted', repeat: RepeatPolicy): Promise<Experiment> {
    return this.core.write(async (trx, events) => {
      const experiment = await existingExperiment(trx, id, 'id');
      if (experiment.lifecycleStage === stage) {
        if (repeat === 'ok') return experiment;
        throw notFound(`id: no ${stage === 'deleted' ? 'active' : 'deleted'} experiment with id=${id} exists`, 'id');
      }
      const now = this.core.now();
      await experiments.setLifecycle(trx, Number(id), stage, now);
      await runs.setLifecycleOfExperiment(trx, Number(id), stage, stage === 'deleted' ? now : null);
      events.push({ type: 'experiment', experimentId: experiment.id, kind: stage === 'deleted' ? 'DELETED' : 'RESTORED' });
      return (await experiments.findById(trx, Number(id))) as Experiment;
    });
  }
}

const nameTaken = (name: string) =>
  alreadyExists(`name: an experiment named ${JSON.stringify(name)} already exists (active or deleted)`, 'name');

/** A concurrent request took the name between our check and our write: the unique index caught it. */
const rethrowNameTaken = (name: string) => (error: unknown): never => {
  throw isUniqueViolation(error) ? nameTaken(name) : error;
};

function checkExperimentTags(tags: readonly KeyValue[], field: string): KeyValue[] {
  return tags.map((t, i) => checkExperimentTag(t.key, t.value, `${field}[${i}].key`, `${field}[${i}].value`));
}

/** Experiment tag values over the limit are an error in both APIs (MLflow does not truncate them). */
function checkExperimentTag(key: unknown, value: unknown, keyField: string, valueField: string): KeyValue {
  const checkedValue = checkString(value, valueField);
  if (checkedValue.length > LIMITS.experimentTagValueLength) {
    throw invalid(
      `${valueField}: exceeds the maximum length of ${LIMITS.experimentTagValueLength} characters for an experiment tag`,
      valueField,
    );
  }
  return { key: checkKey(key, keyField), value: checkedValue };
}
