/** A change event as the stream and webhooks send it (CloudEvents 1.0, see openapi.json CloudEvent). */
export interface CloudEvent {
  specversion: string;
  /** The event's number in the change log, as a string. */
  id: string;
  /** `/connectors/<id>` for a change from a connector, `/admin` for one an admin made. */
  source: string;
  type: string;
  /** `users/<id>` or `groups/<id>`. */
  subject?: string;
  time: string;
  datacontenttype?: string;
  /** The admin who made the change. */
  actor?: string;
  data?: Record<string, unknown>;
}

/** The source of changes an admin made. */
export const ADMIN_SOURCE = '/admin';

const CONNECTOR_SOURCE = /^\/connectors\/(.+)$/;

/** The connector id of a `/connectors/<id>` source. */
export function sourceConnectorId(source: string): string | undefined {
  return CONNECTOR_SOURCE.exec(source)?.[1];
}

/** A connector's name; the start of its id while the names load, or when it has been deleted. */
export function connectorLabel(connectorId: string, connectorNames: ReadonlyMap<string, string>): string {
  return connectorNames.get(connectorId) ?? `Connector ${connectorId.slice(0, 8)}…`;
}

/** Where changes came from, in words: the connector's name, or "Admin changes". */
export function sourceLabel(source: string, connectorNames: ReadonlyMap<string, string>): string {
  if (source === ADMIN_SOURCE) return 'Admin changes';
  const connectorId = sourceConnectorId(source);
  return connectorId ? connectorLabel(connectorId, connectorNames) : source;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

/** The user or group a change touched: its console path and a name (the user name or group name when the data has one). */
export function subjectOf(event: CloudEvent): { path?: string; label: string } | undefined {
  if (!event.subject) return undefined;
  const [kind, id] = event.subject.split('/', 2);
  const name = kind === 'users' ? field(field(event.data, 'user'), 'userName') : field(field(event.data, 'group'), 'name');
  const path = (kind === 'users' || kind === 'groups') && id ? `/${kind}/${encodeURIComponent(id)}` : undefined;
  return { path, label: typeof name === 'string' && name !== '' ? name : event.subject };
}
