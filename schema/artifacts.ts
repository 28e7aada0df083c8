import type { Run } from '../db/store/index.js';

export interface ArtifactEntry {
  name: string;
  path: string;
  isDir: boolean;
  size: number | null;
  modified: number | null;
}

/** What GraphQL needs from the artifact store: the listing of a run's folder (missing folder: empty). */
export interface ArtifactLister {
  listRunArtifacts(run: Run, path: string): Promise<ArtifactEntry[]>;
}
