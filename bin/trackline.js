#!/usr/bin/env node
// Node 20 cannot run .ts files itself: register tsx's loader, then hand over to the TypeScript CLI.
import { register } from 'tsx/esm/api';

// graphql-js checks every type test for a second copy of itself unless NODE_ENV is production: about
// 8% of the server's CPU when ingesting (npm run bench). `npm run dev` does not come through here.
process.env.NODE_ENV ??= 'production';
register();
await import('../api/cli.ts');
