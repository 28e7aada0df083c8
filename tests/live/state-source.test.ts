import { describe, expect, test } from 'vitest';
import type { RunChange, StoreEvent } from '../../db/store/index.js';
import { InProcessBus } from '../../schema/live/bus.js';
import { STATE_QUEUE_LIMIT, StateSource } from '../../schema/live/state-source.js';

type RunEvent = Extract<StoreEvent, { type: 'run' }>;

/** A runChanged-like source over a real bus: one key per run, kinds merged when coalescing. */
function runSource(bus: InProcessBus) {
  return new StateSource<RunEvent>(
    bus,
    (event) => (event.type === 'run' ? event : undefined),
    (event) => event.runId,
    (older, newer) => ({ ...newer, kinds: [...new Set([...older.kinds, ...newer.kinds])] }),
  );
}

const KINDS: RunChange[] = ['TAGS', 'PARAMS', 'METRICS', 'UPDATED'];
const runEvent = (run: number, i: number): RunEvent => ({ type: 'run', runId: `run${run}`, experimentId: '1', kinds: [KINDS[i % KINDS.length] as RunChange] });

/** Everything the source holds, read without waiting for more. */
async function drain(source: StateSource<RunEvent>, bus: InProcessBus): Promise<RunEvent[]> {
  const out: RunEvent[] = [];
  // A marker event published last ends the read (coalescing keeps it last).
  const marker = 'end-marker';
  bus.publish({ type: 'run', runId: marker, experimentId: '1', kinds: ['CREATED'] });
  for (;;) {
    const { value } = await source.next();
    if (!value || value.runId === marker) return out;
    out.push(value);
  }
}

describe('StateSource, the queue of runChanged and experimentChanged', () => {
  test('a reader that keeps up gets every event, in order, unmerged', async () => {
    const bus = new InProcessBus();
    const source = runSource(bus);
    const published = Array.from({ length: 50 }, (_, i) => runEvent(i % 3, i));
    for (const event of published) bus.publish(event);
    expect(await drain(source, bus)).toEqual(published);
    await source.return();
    expect(bus.subscriberCount).toBe(0);
  });

  test('a lagging reader gets the newest state per run with every kind of change merged; the queue stays bounded', async () => {
    const bus = new InProcessBus();
    const source = runSource(bus);
    const published = Array.from({ length: STATE_QUEUE_LIMIT * 2.5 }, (_, i) => runEvent(i % 5, i));
    for (const event of published) bus.publish(event);
    const read = await drain(source, bus);
    expect(read.map((e) => e.runId).sort()).toEqual(['run0', 'run1', 'run2', 'run3', 'run4']);
    for (let run = 0; run < 5; run++) {
      const mine = read.filter((e) => e.runId === `run${run}`);
      const all = published.filter((e) => e.runId === `run${run}`);
      // Nothing lost: whatever changed is named by some event, and the last event read is the newest.
      expect(new Set(mine.flatMap((e) => e.kinds))).toEqual(new Set(all.flatMap((e) => e.kinds)));
      expect(mine.at(-1)?.kinds).toContain(all.at(-1)?.kinds[0]);
    }
    // The reader asks again with nothing left: it has caught up, and gets every event again, in order.
    const waiting = source.next();
    const later = [runEvent(1, 0), runEvent(1, 1), runEvent(2, 2)];
    for (const event of later) bus.publish(event);
    expect((await waiting).value).toEqual(later[0]);
    expect(await drain(source, bus)).toEqual(later.slice(1));
    await source.return();
  });

  test('more runs than the queue limit: one event per run, none lost', async () => {
    const bus = new InProcessBus();
    const source = runSource(bus);
    const runs = 5_000;
    for (let round = 0; round < 3; round++) for (let run = 0; run < runs; run++) bus.publish(runEvent(run, round));
    const read = await drain(source, bus);
    expect(read.length).toBe(runs);
    expect(new Set(read.map((e) => e.runId)).size).toBe(runs);
    for (const event of read) expect([...event.kinds].sort()).toEqual([KINDS[0], KINDS[1], KINDS[2]].sort());
    await source.return();
    expect(bus.subscriberCount).toBe(0);
  });
});
