import type { ViewType } from '../../db/store/index.js';
import { experimentJson } from './proto-json.js';
import { invalidParam } from './fields.js';
import type { Call, Endpoint } from './router.js';
import { runsJsonWithin } from './run-view.js';

/**
 * runs/search and experiments/search (docs/mlflow-compat.md section 3, search): the filter and order_by grammar, view
 * types and keyset page tokens are the store's, shared with GraphQL. A token is returned only when
 * another page exists, so clients that loop while they get a token stop at the last page.
 */

// proto ViewType: ACTIVE_ONLY = 1, DELETED_ONLY = 2, ALL = 3 (index 0 is unused).
const VIEW_TYPES = ['', 'ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'] as const;
export const SEARCH_MAX_RESULTS = 50_000;
const RUNS_DEFAULT_MAX_RESULTS = 1000;

function viewType(call: Call, field: string): ViewType {
  return (call.fields.enumValue(field, VIEW_TYPES) || 'ACTIVE_ONLY') as ViewType;
}

async function searchRuns(call: Call) {
  const { fields, store } = call;
  const maxResults = fields.int64('max_results') ?? RUNS_DEFAULT_MAX_RESULTS;
  if (maxResults < 1 || maxResults > SEARCH_MAX_RESULTS) {
    throw invalidParam('max_results', maxResults, `It must be at most ${SEARCH_MAX_RESULTS} and at least 1.`);
  }
  const page = await store.runs.search({
    experimentIds: fields.strings('experiment_ids'),
    filter: fields.string('filter'),
    orderBy: fields.strings('order_by'),
    view: viewType(call, 'run_view_type'),
    first: maxResults,
    after: fields.string('page_token') || undefined,
  });
  // A page whose details are too large is cut short; the token then continues after its last run.
  const runs = await runsJsonWithin(store, page.items);
  const cut = runs.length < page.items.length;
  return {
    ...(runs.length && { runs }),
    ...((page.hasNextPage || cut) && { next_page_token: page.cursors[runs.length - 1] }),
  };
}

async function searchExperiments(call: Call) {
  const { fields, store } = call;
  const maxResults = fields.int64('max_results') ?? 0;
  if (maxResults < 1) throw invalidParam('max_results', maxResults, 'It must be a positive integer.');
  if (maxResults > SEARCH_MAX_RESULTS) throw invalidParam('max_results', maxResults, `It must be at most ${SEARCH_MAX_RESULTS}.`);
  const page = await store.experiments.search({
    filter: fields.string('filter'),
    orderBy: fields.strings('order_by'),
    view: viewType(call, 'view_type'),
    first: maxResults,
    after: fields.string('page_token') || undefined,
  });
  const tags = await store.experiments.tagsOf(page.items.map((e) => e.id));
  return {
    ...(page.items.length && { experiments: page.items.map((e) => experimentJson(e, tags.filter((t) => t.experimentId === e.id))) }),
    ...(page.hasNextPage && { next_page_token: page.cursors.at(-1) }),
  };
}

export const searchEndpoints: Endpoint[] = [
  { method: 'POST', path: '/runs/search', handler: searchRuns, read: true },
  { method: 'POST', path: '/experiments/search', handler: searchExperiments, read: true },
  { method: 'GET', path: '/experiments/search', handler: searchExperiments, read: true },
];
