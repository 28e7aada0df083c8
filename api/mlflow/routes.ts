import type { RouteDeps } from '../deps.js';
import type { ServerConfig } from '../config.js';
import { sendText, type Route } from '../http.js';
import type { ReadPool } from '../reads/pool.js';
import { artifactListEndpoints } from './artifact-list.js';
import { createArtifactProxyRoute } from './artifact-proxy.js';
import { experimentEndpoints } from './experiments.js';
import { ajaxOnlyHistoryEndpoints, historyEndpoints } from './history.js';
import { inputOutputEndpoints } from './inputs-outputs.js';
import { loggedModelEndpoints } from './logged-models.js';
import { runLogEndpoints } from './run-log.js';
import { EndpointTable, mlflowRouter } from './router.js';
import { runEndpoints } from './runs.js';
import { searchEndpoints } from './search.js';

/** The MLflow version whose tracking API trackline speaks (GET /version answers it, as MLflow's server does). */
const MLFLOW_API_VERSION = '2.22.0';

const TRACKING = [
  ...experimentEndpoints,
  ...runEndpoints,
  ...runLogEndpoints,
  ...searchEndpoints,
  ...historyEndpoints,
  ...inputOutputEndpoints,
  ...loggedModelEndpoints,
];

/** The tracking API's prefixes, each with its endpoints: the client's, and the MLflow UI's (a few more). */
export function mlflowEndpointTables(deps: RouteDeps): Map<string, EndpointTable> {
  const tracking = [...TRACKING, ...artifactListEndpoints(deps.artifacts.files)];
  return new Map([
    ['/api/2.0/mlflow', new EndpointTable(tracking)],
    ['/ajax-api/2.0/mlflow', new EndpointTable([...tracking, ...ajaxOnlyHistoryEndpoints])],
  ]);
}

/** The MLflow REST API (/api/2.0/mlflow/*, the UI's /ajax-api/2.0/mlflow/*), its artifact proxy, /version. */
export function createMlflowRoutes(deps: RouteDeps, config: ServerConfig, reads?: ReadPool): Route[] {
  const routers = [...mlflowEndpointTables(deps)].map(([prefix, table]) => mlflowRouter(prefix, table, deps.store, config, reads));
  const version: Route = async (req, res, url) => {
    if (url.pathname !== '/version' || req.method !== 'GET') return false;
    sendText(res, 200, MLFLOW_API_VERSION);
    return true;
  };
  return [...routers, createArtifactProxyRoute(deps, config), version];
}
