import type { Route } from '../server.js';
import type { ServerDeps } from '../../schema/context.js';
import type { ServerConfig } from '../config.js';

/** The MLflow REST API (/api/2.0/mlflow/*, /ajax-api/2.0/mlflow/*): filled in by the MLflow work. */
export function createMlflowRoutes(_deps: ServerDeps, _config: ServerConfig): Route[] {
  return [];
}
