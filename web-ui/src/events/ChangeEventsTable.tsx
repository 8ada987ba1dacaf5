import { Link } from 'react-router';
import { formatDateTime, humanize } from '../shared/format';
import { NoValue } from '../shared/NoValue';
import type { ChangeEvent } from './eventsApi';
import { ConnectorLink, EventTypeLabel } from './EventCells';

interface Props {
  events: ChangeEvent[];
  /** Connector names by id, to say where a change came from. */
  connectorNames: ReadonlyMap<string, string>;
}

/** Change events, newest first: when, what, where it came from, and what it touched. */
export function ChangeEventsTable({ events, connectorNames }: Props) {
  return (
    <table className="table table-compact" data-testid="events-table">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Change</th>
          <th scope="col">Source</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id} data-testid="event-row" data-type={e.type}>
            <td className="nowrap">{formatDateTime(e.at)}</td>
            <td>
              <EventTypeLabel type={e.type} />
            </td>
            <td data-testid="event-source">
              <EventSource event={e} connectorNames={connectorNames} />
            </td>
            <td className="wrap-anywhere" data-testid="event-details">
              <EventDetails event={e} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The connector a change came from, else the admin who made it. */
function EventSource({ event, connectorNames }: { event: ChangeEvent; connectorNames: ReadonlyMap<string, string> }) {
  if (event.connectorId) return <ConnectorLink connectorId={event.connectorId} connectorNames={connectorNames} />;
  if (event.actor) return <>{event.actor}</>;
  return <span className="muted">The hub</span>;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** What a change touched, where the event says: the changed fields, the group, the account. */
function EventDetails({ event }: { event: ChangeEvent }) {
  const data = record(event.data) ?? {};
  if (event.type === 'user.updated' && Array.isArray(data.changed)) {
    const fields = data.changed.filter((f): f is string => typeof f === 'string');
    if (fields.length > 0) return <>Changed: {fields.map(humanize).join(', ')}</>;
  }
  const group = record(data.group);
  if (group && text(group.name)) {
    const groupId = text(group.id) ?? event.groupId;
    return <>Group: {groupId ? <Link to={`/groups/${encodeURIComponent(groupId)}`}>{text(group.name)}</Link> : text(group.name)}</>;
  }
  const externalId = text(data.externalId);
  if (externalId) return <span className="mono small">{externalId}</span>;
  const error = text(data.error);
  if (error) return <span className="text-danger">{error}</span>;
  return <NoValue />;
}
