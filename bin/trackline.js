#!/usr/bin/env node
// Node 20 cannot run .ts files itself: register tsx's loader, then hand over to the TypeScript CLI.
import { register } from 'tsx/esm/api';

register();
await import('../api/cli.ts');
