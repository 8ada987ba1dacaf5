import type { JsonSchema } from '../shared/form/schema';
import type { ConnectorType } from '../connectors/connectorsApi';
import type { CloudEvent } from '../events/cloudEvents';
import type { Request } from './fakeHub';

/** A settings schema shaped like the LDAP plugin's. */
export const ldapSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['urls', 'bindDn', 'bindPassword', 'userBaseDn'],
  properties: {
    urls: {
      type: 'array',
      title: 'Server URLs',
      description: 'ldaps://dc1.example.com:636',
      items: { type: 'string' },
      minItems: 1,
    },
    security: {
      type: 'string',
      title: 'Connection security',
      enum: ['ldaps', 'starttls', 'none'],
      default: 'ldaps',
    },
    allowPlaintext: {
      type: 'boolean',
      title: 'Allow plaintext connections',
      description: 'Only for test servers.',
      default: false,
    },
    bindDn: { type: 'string', title: 'Bind DN' },
    bindPassword: { type: 'string', title: 'Bind password', writeOnly: true },
    userBaseDn: { type: 'string', title: 'User base DN' },
    pageSize: { type: 'integer', title: 'Page size', minimum: 1, maximum: 5000, default: 500 },
    connectTimeoutSeconds: { type: 'number', title: 'Connect timeout (s)', default: 10 },
    userObjectClasses: {
      type: 'array',
      title: 'User object classes',
      items: { type: 'string' },
      default: ['inetOrgPerson', 'person'],
    },
  },
};

export const ldapType: ConnectorType = {
  id: 'ldap',
  displayName: 'Active Directory / LDAP',
  description: 'Users and groups in Active Directory or any LDAP v3 directory.',
  capabilities: ['IMPORT_USERS', 'WATCH'],
  settingsSchema: ldapSchema,
  pluginId: 'slx-ldap',
  pluginVersion: '0.1.0',
};

/** A Response as the hub sends it. */
export function jsonResponse(status: number, body?: unknown, contentType = 'application/json'): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: body === undefined ? {} : { 'Content-Type': contentType },
  });
}

export function problem(status: number, fields: { title?: string; detail?: string; errors?: { field: string; message: string }[] }): Response {
  return jsonResponse(status, { type: 'about:blank', status, ...fields }, 'application/problem+json');
}

/** The LDAP type as a target too: it can do everything but delete users. */
export const ldapTargetType: ConnectorType = {
  ...ldapType,
  capabilities: ['IMPORT_USERS', 'CREATE_USER', 'UPDATE_USER', 'DISABLE_USER', 'SET_PASSWORD', 'GROUP_MEMBERSHIP', 'WATCH'],
};

/** An empty page of a cursor-paged list. */
export const emptyPage = () => jsonResponse(200, { items: [], next: null });

/** A change event as the stream sends it. */
export function cloudEvent(fields: Partial<CloudEvent> & { id: string }): CloudEvent {
  return { specversion: '1.0', source: '/admin', type: 'user.created', time: new Date().toISOString(), datacontenttype: 'application/json', data: {}, ...fields };
}

/**
 * The hub's change stream: each request to it opens a connection the test writes to (`send`
 * an event, `write` raw text) and can `drop`; the request is kept to check its headers.
 */
export function eventStreams() {
  const open: { request: Request; controller: ReadableStreamDefaultController<Uint8Array> }[] = [];
  const encoder = new TextEncoder();
  const current = () => open[open.length - 1];
  const write = (text: string) => current().controller.enqueue(encoder.encode(text));
  return {
    /** The fake hub's answer to `GET /api/v1/events/stream`. */
    answer: (request: Request) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          open.push({ request, controller });
          request.signal?.addEventListener('abort', () => controller.error(new DOMException('Aborted', 'AbortError')));
        },
      });
      return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
    },
    /** The requests that opened a connection, oldest first. */
    requests: () => open.map((o) => o.request),
    write,
    send: (event: CloudEvent) => write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`),
    /** Ends the newest connection, as when the network drops it. */
    drop: () => current().controller.close(),
  };
}
