import { parse } from 'graphql';
import { schema } from '../schema/index.js';
import { estimateOperation } from '../schema/limits.js';
const doc = parse(`query($ids: [ID!]!) { metricHistories(runIds: $ids, key: "m") { totalPoints } }`);
console.log(estimateOperation(schema, doc, undefined, { ids: Array.from({length: 201}, (_, i) => 'r' + i) }));
const doc2 = parse(`query($ids: [ID!]!) { metricHistories(runIds: $ids, key: "m") { points { step } } }`);
console.log(estimateOperation(schema, doc2, undefined, { ids: Array.from({length: 201}, (_, i) => 'r' + i) }));
