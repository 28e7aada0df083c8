import { createMemo, createRoot, createSignal } from 'solid-js';

/**
 * Hash routes in MLflow's shape, so the links the MLflow client prints ("View run at
 * .../#/experiments/1/runs/<id>") and the SDK's dashboardUrl open the right page:
 *
 *   #/experiments/<id>               the runs table (more experiments: ?experiments=1,2)
 *   #/experiments/<id>/runs/<runId>  a run
 *   #/runs/<runId>                   a run, its experiment looked up
 *   #/compare-runs?runs=a,b          the selected runs' metrics overlaid
 *
 * Everything a user would share (filter, sort, columns, selection, chart settings) is in the query
 * part, so a copied URL shows the same view, and back/forward walk through view changes.
 */

export type Route =
  | { page: 'home' }
  | { page: 'experiment'; experimentId: string }
  | { page: 'run'; runId: string; experimentId?: string }
  | { page: 'compare' }
  | { page: 'not-found'; path: string };

const [hash, setHash] = createSignal(location.hash);
window.addEventListener('hashchange', () => setHash(location.hash));

function split(text: string): { path: string; query: URLSearchParams } {
  const raw = text.replace(/^#/, '') || '/';
  const at = raw.indexOf('?');
  return at < 0 ? { path: raw, query: new URLSearchParams() } : { path: raw.slice(0, at), query: new URLSearchParams(raw.slice(at + 1)) };
}

function parse(path: string): Route {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { page: 'home' };
  if (parts[0] === 'experiments' && parts.length === 2) return { page: 'experiment', experimentId: parts[1] as string };
  if (parts[0] === 'experiments' && parts[2] === 'runs' && parts.length >= 4) {
    return { page: 'run', experimentId: parts[1] as string, runId: parts[3] as string };
  }
  if (parts[0] === 'runs' && parts.length >= 2) return { page: 'run', runId: parts[1] as string };
  if (parts[0] === 'compare-runs') return { page: 'compare' };
  return { page: 'not-found', path };
}

// Module-level memos live as long as the page: their own root, never disposed.
const current = createRoot(() => createMemo(() => split(hash())));
export const route = createRoot(() =>
  createMemo(() => parse(current().path), undefined, {
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  }),
);

/** One query parameter of the current URL, reactive. */
export function param(name: string): () => string | undefined {
  return createMemo(() => current().query.get(name) ?? undefined);
}

export function listParam(name: string): () => string[] {
  return createMemo(
    () => (current().query.get(name) ?? '').split(',').filter(Boolean),
    undefined,
    { equals: (a, b) => a.length === b.length && a.every((x, i) => x === b[i]) },
  );
}

function write(path: string, query: URLSearchParams, replace: boolean) {
  const text = query.toString();
  const next = `#${path}${text ? `?${text}` : ''}`;
  if (next === location.hash) return;
  if (replace) history.replaceState(history.state, '', next);
  else history.pushState(history.state, '', next);
  setHash(location.hash);
}

/** Changes query parameters of the current route (null removes one). Selection-like changes replace. */
/** Sets or removes query parameters of the current route; '' removes one unless `keepEmpty` (an empty list). */
export function setParams(patch: Record<string, string | null | undefined>, options: { replace?: boolean; keepEmpty?: boolean } = {}) {
  const { path, query } = split(location.hash);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === undefined || (value === '' && !options.keepEmpty)) query.delete(key);
    else query.set(key, value);
  }
  write(path, query, options.replace ?? false);
}

export function navigate(path: string, params: Record<string, string> = {}, options: { replace?: boolean } = {}) {
  write(path, new URLSearchParams(params), options.replace ?? false);
}

export const experimentPath = (id: string) => `/experiments/${encodeURIComponent(id)}`;
export const runPath = (experimentId: string, runId: string) => `/experiments/${encodeURIComponent(experimentId)}/runs/${encodeURIComponent(runId)}`;
export const href = (path: string, params: Record<string, string> = {}) => {
  const text = new URLSearchParams(params).toString();
  return `#${path}${text ? `?${text}` : ''}`;
};
