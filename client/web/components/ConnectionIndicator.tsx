import { liveStatus } from '../data/client.js';

const LABELS = { connected: 'live', connecting: 'connecting…', offline: 'offline: reconnecting' } as const;

/** Whether live updates are flowing: the graphql-ws socket's state. */
export function ConnectionIndicator() {
  return (
    <span class={`live live-${liveStatus()}`} data-live-status={liveStatus()} role="status" title="live updates over WebSocket">
      <span class="live-dot" aria-hidden="true" />
      {LABELS[liveStatus()]}
    </span>
  );
}
