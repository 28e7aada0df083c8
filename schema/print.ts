// Writes schema/schema.graphql (npm run schema:print); a test fails when the committed copy is stale.
import { writeFileSync } from 'node:fs';
import { printedSchema } from './index.js';

writeFileSync(new URL('./schema.graphql', import.meta.url), printedSchema());
console.log('wrote schema/schema.graphql');
