import { Link } from 'react-router';
import { formatDateTime } from '../shared/format';
import { NoValue } from '../shared/NoValue';
import { sourceConnectorId, sourceLabel, subjectOf, type CloudEvent } from './cloudEvents';
import { ConnectorLink, EventTypeLabel } from './EventCells';

interface Props {
  events: CloudEvent[];
  connectorNames: ReadonlyMap<string, string>;
}

/** Change events from the stream, newest first: when, what, whom it touched, where it came from. */
export function LiveEventsTable({ events, connectorNames }: Props) {
  return (
    <table className="table table-compact" data-testid="live-events-table">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Change</th>
          <th scope="col">Subject</th>
          <th scope="col">Source</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => {
          const subject = subjectOf(e);
          const connectorId = sourceConnectorId(e.source);
          return (
            <tr key={e.id} data-testid="live-event-row" data-event-id={e.id} data-type={e.type}>
              <td className="nowrap">{formatDateTime(e.time)}</td>
              <td>
                <EventTypeLabel type={e.type} />
              </td>
              <td className="wrap-anywhere">{!subject ? <NoValue /> : subject.path ? <Link to={subject.path}>{subject.label}</Link> : subject.label}</td>
              <td>
                {connectorId ? <ConnectorLink connectorId={connectorId} connectorNames={connectorNames} /> : sourceLabel(e.source, connectorNames)}
                {e.actor && <span className="muted small block">{e.actor}</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
