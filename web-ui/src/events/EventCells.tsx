import { Link } from 'react-router';
import { connectorLabel } from './cloudEvents';
import { eventLabel, isFailure } from './eventTypes';

/** A change's type in words (red for a failure), with the raw type under it. */
export function EventTypeLabel({ type }: { type: string }) {
  return (
    <>
      <span className={isFailure(type) ? 'text-danger strong' : undefined}>{eventLabel(type)}</span>
      <span className="muted small mono block">{type}</span>
    </>
  );
}

/** The connector a change came from, named, linking to its page. */
export function ConnectorLink({ connectorId, connectorNames }: { connectorId: string; connectorNames: ReadonlyMap<string, string> }) {
  return <Link to={`/connectors/${encodeURIComponent(connectorId)}`}>{connectorLabel(connectorId, connectorNames)}</Link>;
}
