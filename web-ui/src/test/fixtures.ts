import type { JsonSchema } from '../shared/form/schema';
import type { ConnectorType } from '../connectors/connectorsApi';

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
