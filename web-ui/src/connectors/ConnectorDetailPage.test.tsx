import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { STORED_SECRET_PLACEHOLDER } from '../shared/form/SchemaForm';
import { fakeHub } from '../test/fakeHub';
import { jsonResponse, ldapTargetType, ldapType } from '../test/fixtures';
import { renderRoutes } from '../test/renderRoutes';
import { connectorRoutes } from './routes';

const ID = '0b6c6f1e-8a57-4a43-9d7e-3f1f0c1e2a10';
const connector = {
  id: ID,
  name: 'Head office AD',
  type: 'ldap',
  enabled: true,
  settings: {
    urls: ['ldaps://dc1.example.com'],
    security: 'ldaps',
    allowPlaintext: false,
    bindDn: 'cn=svc,dc=example,dc=com',
    userBaseDn: 'ou=people,dc=example,dc=com',
    pageSize: 200,
  },
  secretsSet: ['bindPassword'],
  status: { state: 'failing', since: '2025-01-01T10:00:00Z', lastError: 'Connection refused: dc1.example.com:636' },
  createdAt: '2025-01-01T09:00:00Z',
  updatedAt: '2025-01-01T09:30:00Z',
};

function hubWithConnector(extra: Parameters<typeof fakeHub>[0] = {}) {
  return fakeHub({
    [`GET /api/v1/connectors/${ID}`]: jsonResponse(200, connector),
    'GET /api/v1/connector-types': jsonResponse(200, [ldapType]),
    [`GET /api/v1/connectors/${ID}/imports`]: jsonResponse(200, []),
    ...extra,
  });
}

describe('Connector detail', () => {
  it('shows a failing connector in red with its last error', async () => {
    hubWithConnector();
    renderRoutes(connectorRoutes, `/connectors/${ID}`);
    const badges = await screen.findAllByTestId('connector-status');
    expect(badges[0]).toHaveAttribute('data-state', 'failing');
    expect(badges[0]).toHaveClass('badge-danger');
    expect(screen.getByTestId('connector-last-error')).toHaveTextContent('Connection refused: dc1.example.com:636');
  });

  it('pre-fills the saved settings and keeps the stored secret when its field is left empty', async () => {
    const user = userEvent.setup();
    const hub = hubWithConnector({ [`PUT /api/v1/connectors/${ID}`]: jsonResponse(200, connector) });
    renderRoutes(connectorRoutes, `/connectors/${ID}`);
    expect(await screen.findByLabelText('Bind DN')).toHaveValue('cn=svc,dc=example,dc=com');
    expect(screen.getByLabelText('Page size')).toHaveValue(200);
    expect(screen.getByLabelText('Bind password')).toHaveAttribute('placeholder', STORED_SECRET_PLACEHOLDER);

    await user.clear(screen.getByLabelText('Page size'));
    await user.type(screen.getByLabelText('Page size'), '100');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(hub.sent('PUT', `/api/v1/connectors/${ID}`)).toHaveLength(1));
    const body = hub.sent('PUT', `/api/v1/connectors/${ID}`)[0].body as { name: string; settings: Record<string, unknown> };
    expect(body.name).toBe('Head office AD');
    expect(body.settings.pageSize).toBe(100);
    expect(body.settings).not.toHaveProperty('bindPassword');
    expect(body).not.toHaveProperty('type');
  });

  it('shows the direction, the changes the connector receives and how it matches accounts', async () => {
    hubWithConnector({
      [`GET /api/v1/connectors/${ID}`]: jsonResponse(200, {
        ...connector,
        provisioning: { direction: 'both', operations: ['create', 'groups'], correlation: 'employeeNumber' },
        capabilities: ['IMPORT_USERS', 'CREATE_USER'],
      }),
    });
    renderRoutes(connectorRoutes, `/connectors/${ID}`);
    const direction = await screen.findByTestId('connector-direction');
    expect(direction).toHaveTextContent('Both');
    expect(direction).toHaveTextContent('Feeds the hub and receives its changes.');
    expect(screen.getByTestId('connector-operations')).toHaveTextContent('Create new users, Group membership');
    expect(screen.getByTestId('connector-correlation')).toHaveTextContent('Employee number');
  });

  it('says a source receives nothing, and saves the provisioning changed in the form', async () => {
    const user = userEvent.setup();
    const target = { ...connector, provisioning: { direction: 'target', operations: ['update', 'disable'], correlation: 'userName' } };
    const hub = fakeHub({
      [`GET /api/v1/connectors/${ID}`]: jsonResponse(200, { ...connector, provisioning: { direction: 'source', operations: [], correlation: 'email' } }),
      'GET /api/v1/connector-types': jsonResponse(200, [ldapTargetType]),
      [`GET /api/v1/connectors/${ID}/imports`]: jsonResponse(200, []),
      [`PUT /api/v1/connectors/${ID}`]: jsonResponse(200, target),
    });
    renderRoutes(connectorRoutes, `/connectors/${ID}`);
    expect(await screen.findByTestId('connector-direction')).toHaveTextContent('Source');
    expect(screen.queryByTestId('connector-operations')).toBeNull();
    expect(screen.getByRole('radio', { name: 'Source' })).toBeChecked();
    expect(screen.getByLabelText('Match new accounts by')).toHaveValue('email');

    await user.click(screen.getByRole('radio', { name: 'Target' }));
    await user.click(screen.getByRole('checkbox', { name: 'Disable and enable' }));
    await user.click(screen.getByRole('checkbox', { name: 'Update attributes' }));
    await user.selectOptions(screen.getByLabelText('Match new accounts by'), 'userName');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(hub.sent('PUT', `/api/v1/connectors/${ID}`)).toHaveLength(1));
    expect((hub.sent('PUT', `/api/v1/connectors/${ID}`)[0].body as { provisioning: unknown }).provisioning).toEqual({
      direction: 'target',
      operations: ['update', 'disable'],
      correlation: 'userName',
    });
  });

  it('deletes only after the admin confirms', async () => {
    const user = userEvent.setup();
    const hub = hubWithConnector({
      [`DELETE /api/v1/connectors/${ID}`]: new Response(null, { status: 204 }),
      'GET /api/v1/connectors': jsonResponse(200, []),
    });
    const router = renderRoutes(connectorRoutes, `/connectors/${ID}`);
    await user.click(await screen.findByRole('button', { name: 'Delete' }));

    const dialog = screen.getByRole('dialog', { name: 'Delete connector “Head office AD”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(hub.sent('DELETE', `/api/v1/connectors/${ID}`)).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/connectors'));
    expect(hub.sent('DELETE', `/api/v1/connectors/${ID}`)).toHaveLength(1);
  });

  it('tests the saved settings on request', async () => {
    const user = userEvent.setup();
    hubWithConnector({
      [`POST /api/v1/connectors/${ID}/test`]: jsonResponse(200, {
        success: false,
        steps: [{ name: 'connect', success: false, detail: 'Connection refused' }],
        facts: {},
      }),
    });
    renderRoutes(connectorRoutes, `/connectors/${ID}`);
    await user.click(await screen.findByRole('button', { name: 'Test connection' }));
    expect(await screen.findByTestId('connection-report')).toHaveAttribute('data-success', 'false');
  });

  it('lets an operator test and stop, but not edit or delete', async () => {
    hubWithConnector();
    renderRoutes(connectorRoutes, `/connectors/${ID}`, 'operator');
    expect(await screen.findByRole('button', { name: 'Test connection' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Stop' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save changes' })).toBeNull();
    expect(await screen.findByLabelText('Bind DN')).toBeDisabled();
  });

  it('shows an auditor the connector read-only, without any action', async () => {
    hubWithConnector();
    renderRoutes(connectorRoutes, `/connectors/${ID}`, 'auditor');
    expect(await screen.findByLabelText('Bind DN')).toBeDisabled();
    expect(screen.getByRole('radio', { name: 'Source' })).toBeDisabled();
    expect(screen.getByLabelText('Match new accounts by')).toBeDisabled();
    for (const name of ['Test connection', 'Start', 'Stop', 'Delete', 'Save changes']) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
  });
});
