import { invalidInput } from '../errors.js';

/**
 * Artifact paths as the SDK builds them: '/'-separated, relative, no empty, '.' or '..' segments.
 * The server checks them again (and more strictly); this only catches our callers' slips early and
 * gives each segment its own percent-encoding, so a name like "a b#1.txt" survives the URL.
 */
export function joinArtifactPath(...parts: (string | undefined)[]): string {
  return parts
    .flatMap((part) => (part ?? '').replaceAll('\\', '/').split('/'))
    .filter((segment) => segment !== '')
    .join('/');
}

export function checkArtifactPath(path: string, operation: string, field: string): string {
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) {
    throw invalidInput(operation, field, `${JSON.stringify(path)} has a '.' or '..' segment; artifact paths stay inside the run's folder`);
  }
  return path;
}

export function encodeArtifactPath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** The folder part of a path ('' at the top). */
export function parentPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}
