import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { decodeMetricValue, encodeMetricValue } from '../../common/metric-value.js';
import type { MetricPoint, StoreEvent } from '../../db/store/index.js';
import { InProcessBus, type LiveBus } from '../../schema/live/bus.js';

const REDIS_CHANNEL = 'trackline:events';

/**
 * Live events shared by several servers on one Postgres: each server delivers its own events at once
 * and publishes them on a Redis channel; events from the other servers arrive through the channel.
 * Redis pub/sub may drop or reorder messages; subscriptions repair that from the database by seq.
 */
export class RedisBus implements LiveBus {
  private readonly local = new InProcessBus();
  private readonly serverId = randomUUID();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;

  private constructor(url: string) {
    this.publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
    this.subscriber = new Redis(url, { lazyConnect: true });
    for (const client of [this.publisher, this.subscriber]) {
      // A Redis outage must not take the server down: local delivery goes on, the database repairs gaps.
      client.on('error', (error) => console.error(`trackline: redis: ${error.message}`));
    }
  }

  static async connect(url: string): Promise<RedisBus> {
    const bus = new RedisBus(url);
    await Promise.all([bus.publisher.connect(), bus.subscriber.connect()]);
    bus.subscriber.on('message', (_channel, message) => bus.receive(message));
    await bus.subscriber.subscribe(REDIS_CHANNEL);
    return bus;
  }

  publish(event: StoreEvent): void {
    this.local.publish(event);
    const message = JSON.stringify({ from: this.serverId, event: encodeEvent(event) });
    this.publisher.publish(REDIS_CHANNEL, message).catch((error: Error) => {
      console.error(`trackline: redis publish failed: ${error.message}`);
    });
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    return this.local.subscribe(listener);
  }

  private receive(message: string) {
    try {
      const { from, event } = JSON.parse(message) as { from: string; event: StoreEvent };
      if (from !== this.serverId) this.local.publish(decodeEvent(event));
    } catch (error) {
      console.error('trackline: ignoring a malformed live event from redis', error);
    }
  }

  async close(): Promise<void> {
    await this.local.close();
    this.subscriber.disconnect();
    await this.publisher.quit().catch(() => this.publisher.disconnect());
  }
}

// JSON.stringify(NaN) is null: metric values travel in the MetricValue encoding.
const encodePoint = (m: MetricPoint) => ({ ...m, value: encodeMetricValue(m.value) });
const decodePoint = (m: MetricPoint) => ({ ...m, value: decodeMetricValue(m.value) ?? Number.NaN });

function encodeEvent(event: StoreEvent): unknown {
  if (event.type !== 'run') return event;
  return {
    ...event,
    latest: event.latest?.map(encodePoint),
    metricWrite: event.metricWrite && { ...event.metricWrite, metrics: event.metricWrite.metrics.map(encodePoint) },
  };
}

function decodeEvent(event: StoreEvent): StoreEvent {
  if (event.type !== 'run') return event;
  return {
    ...event,
    latest: event.latest?.map(decodePoint),
    metricWrite: event.metricWrite && { ...event.metricWrite, metrics: event.metricWrite.metrics.map(decodePoint) },
  };
}
