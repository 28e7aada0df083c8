import { builder } from './builder.js';
import { TagInput } from './common.js';
import { sized } from './limits.js';
import { RunRef } from './refs.js';

const BY_IDS = sized({ items: (a) => (Array.isArray(a.ids) ? a.ids.length : 0) });

/** Bulk actions of the runs table: one transaction per call, at most 1,000 run ids (send more in chunks). */
builder.mutationFields((t) => ({
  deleteRuns: t.field({
    type: [RunRef],
    extensions: BY_IDS,
    description: 'Soft-deletes every run (at most 1,000) in one transaction; deleted ones stay deleted. An unknown id changes nothing.',
    args: { ids: t.arg.idList({ required: true }) },
    resolve: (_root, args, ctx) => ctx.store.runs.deleteMany(args.ids.map(String)),
  }),
  restoreRuns: t.field({
    type: [RunRef],
    extensions: BY_IDS,
    description: 'Restores every run (at most 1,000) in one transaction. An unknown id changes nothing.',
    args: { ids: t.arg.idList({ required: true }) },
    resolve: (_root, args, ctx) => ctx.store.runs.restoreMany(args.ids.map(String)),
  }),
  setRunsTags: t.field({
    type: [RunRef],
    extensions: BY_IDS,
    description: 'Sets the tags on every run (at most 1,000, all active) in one transaction.',
    args: { ids: t.arg.idList({ required: true }), tags: t.arg({ type: [TagInput], required: true }) },
    resolve: (_root, args, ctx) => ctx.store.runs.setTagsOfMany(args.ids.map(String), args.tags),
  }),
}));
