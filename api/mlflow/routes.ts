import type { ServerDeps } from '../../schema/context.js';
import type { ServerConfig } from '../config.js';
import { sendText } from '../http.js';
import type { Route } from '../server.js';
import { artifactListEndpoints } from './artifact-list.js';
import { artifactStoreOf } from './artifact-owners.js';
import { createArtifactProxyRoute } from './artifact-proxy.js';
import { experimentEndpoints } from './experiments.js';
import { ajaxOnlyHistoryEndpoints, historyEndpoints } from './history.js';
import { inputOutputEndpoints } from './inputs-outputs.js';
import { loggedModelEndpoints } from './logged-models.js';
import { loggingEndpoints } from './logging.js';
import { mlflowRouter } from './router.js';
import { runEndpoints } from './runs.js';
import { searchEndpoints } from './search.js';

/** The MLflow version whose tracking API trackline speaks (GET /version answers it, as MLflow's server does). */
export const MLFLOW_API_VERSION = '2.22.0';

const TRACKING = [
  ...experimentEndpoints,
  ...runEndpoints,
  ...loggingEndpoints,
  ...searchEndpoints,
  ...historyEndpoints,
  ...inputOutputEndpoints,
  ...loggedModelEndpoints,
];

/** The MLflow REST API (/api/2.0/mlflow/*, the UI's /ajax-api/2.0/mlflow/*), its artifact proxy, /version. */
export function createMlflowRoutes(deps: ServerDeps, config: ServerConfig): Route[] {
  const tracking = [...TRACKING, ...artifactListEndpoints(artifactStoreOf(deps, config))];
  const api = mlflowRouter(['/api/2.0/mlflow'], tracking, deps, config);
  const ajax = mlflowRouter(['/ajax-api/2.0/mlflow'], [...tracking, ...ajaxOnlyHistoryEndpoints], deps, config);
  const version: Route = async (req, res, url) => {
    if (url.pathname !== '/version' || req.method !== 'GET') return false;
    sendText(res, 200, MLFLOW_API_VERSION);
    return true;
  };
  return [api, ajax, createArtifactProxyRoute(deps, config), version];
}
