// Node 20 runs no TypeScript: a read worker started from the TypeScript sources registers tsx's
// loader on its own thread first (a loader registered by the main thread does not reach workers).
import { register } from 'tsx/esm/api';

register();
const { default: read } = await import('./worker.ts');
export default read;
