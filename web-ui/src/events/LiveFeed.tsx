import { useState } from 'react';
import { TableCard } from '../shared/TableCard';
import type { CloudEvent } from './cloudEvents';
import { LiveEventsTable } from './LiveEventsTable';
import { StreamStatus } from './StreamStatus';
import type { ChangeStream } from './useChangeStream';

interface Props {
  stream: ChangeStream;
  connectorNames: ReadonlyMap<string, string>;
  /** Shows only this many of the newest events (the dashboard's compact feed). */
  rows?: number;
  /** A link beside the pause button, such as to the full live view. */
  more?: React.ReactNode;
}

/**
 * The changes arriving from the hub's stream, newest on top. Pause freezes the list (the stream
 * goes on, and the feed says how many arrived meanwhile) so an admin can read it.
 */
export function LiveFeed({ stream, connectorNames, rows, more }: Props) {
  const [frozen, setFrozen] = useState<CloudEvent[]>();
  const shown = (frozen ?? stream.events).slice(0, rows);
  const newer = frozen ? countNewer(stream.events, frozen) : 0;

  return (
    <TableCard
      id="live-feed"
      title="Live changes"
      note={<StreamStatus state={stream.state} error={stream.error} />}
      actions={
        <>
          {more}
          <button type="button" className="btn btn-sm" aria-pressed={frozen !== undefined} onClick={() => setFrozen(frozen ? undefined : stream.events)}>
            {frozen ? `Resume${newer > 0 ? ` (${newer} new)` : ''}` : 'Pause'}
          </button>
        </>
      }
    >
      {shown.length === 0 ? (
        <div className="card-empty" data-testid="live-feed-empty">
          Waiting for changes: they appear here as the hub records them.
        </div>
      ) : (
        <LiveEventsTable events={shown} connectorNames={connectorNames} />
      )}
    </TableCard>
  );
}

/** How many events came in after the newest one of the frozen list. */
function countNewer(events: CloudEvent[], frozen: CloudEvent[]): number {
  const index = frozen.length === 0 ? -1 : events.findIndex((e) => e.id === frozen[0].id);
  return index < 0 ? events.length : index;
}
