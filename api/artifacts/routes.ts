import type { Route } from '../server.js';
import type { ServerDeps } from '../../schema/context.js';
import type { ServerConfig } from '../config.js';

/** Artifact routes (/artifacts/<runId>/<path>): filled in by the artifacts work. */
export function createArtifactRoutes(_deps: ServerDeps, _config: ServerConfig): Route[] {
  return [];
}
