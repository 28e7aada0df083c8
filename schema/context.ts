import type { TrackingStore } from '../db/store/index.js';
import type { ArtifactLister } from './artifacts.js';
import { OperationBudget } from './budget.js';
import type { LiveBus } from './live/bus.js';
import { Loaders } from './loaders.js';

/** What the server provides once, for every request. */
export interface ServerDeps {
  store: TrackingStore;
  bus: LiveBus;
  artifacts?: ArtifactLister;
}

/** Per operation (HTTP request or WebSocket subscribe): the deps plus fresh loaders and budget. */
export interface Context extends ServerDeps {
  loaders: Loaders;
  budget: OperationBudget;
}

export function createContext(deps: ServerDeps): Context {
  return { ...deps, loaders: new Loaders(deps.store), budget: new OperationBudget() };
}

/** A subscription event is resolved as an execution of its own: fresh rows, a fresh budget. */
export function startEvent(ctx: Context): void {
  ctx.loaders.reset();
  ctx.budget.startEvent();
}
