import type { TrackingStore } from '../db/store/index.js';
import type { RunArtifacts } from './artifacts/run-artifacts.js';

/** What the HTTP routes (trackline's artifacts, the MLflow REST API and its artifact proxy) are built from. */
export interface RouteDeps {
  store: TrackingStore;
  /** runs' artifacts, and through `files` the artifact store itself */
  artifacts: RunArtifacts;
}
