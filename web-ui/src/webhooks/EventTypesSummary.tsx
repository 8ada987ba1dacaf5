import { eventLabel } from '../events/eventTypes';

/** The event types a webhook receives, as chips of the exact types (named in the tooltip); "All events" when it names none. */
export function EventTypesSummary({ types }: { types: readonly string[] }) {
  if (types.length === 0) return <span className="muted">All events</span>;
  return (
    <span className="chips">
      {types.map((t) => (
        <span key={t} className="chip mono" title={eventLabel(t)}>
          {t}
        </span>
      ))}
    </span>
  );
}
