/** A run's status as a coloured badge; RUNNING pulses. */
export function StatusBadge(props: { status: string }) {
  return (
    <span class={`status status-${props.status.toLowerCase()}`} data-status={props.status}>
      {props.status}
    </span>
  );
}
