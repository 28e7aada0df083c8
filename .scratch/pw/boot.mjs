import { register } from 'tsx/esm/api';
register();
await import('./w2.ts');
