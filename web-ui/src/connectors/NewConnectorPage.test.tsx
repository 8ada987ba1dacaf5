import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeHub } from '../test/fakeHub';
import { jsonResponse, ldapTargetType, ldapType, problem } from '../test/fixtures';
import { renderRoutes } from '../test/renderRoutes';
import { connectorRoutes } from './routes';

const created = {
  id: '0b6c6f1e-8a57-4a43-9d7e-3f1f0c1e2a10',
  name: 'Head office AD',
  type: 'ldap',
  enabled: true,
  settings: {},
  secretsSet: ['bindPassword'],
  status: { state: 'running', since: '2025-01-01T10:00:00Z', lastError: null },
};

async function fillLdapForm(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByTestId('connector-type-ldap'));
  await user.type(screen.getByTestId('connector-name'), 'Head office AD');
  await user.type(screen.getByLabelText('Server URLs'), 'ldap://127.0.0.1:10389');
  await user.selectOptions(screen.getByLabelText('Connection security'), 'none');
  await user.click(screen.getByLabelText('Allow plaintext connections'));
  await user.type(screen.getByLabelText('Bind DN'), 'cn=admin,dc=example,dc=com');
  await user.type(screen.getByLabelText('Bind password'), 'secret');
  await user.type(screen.getByLabelText('User base DN'), 'ou=people,dc=example,dc=com');
}

/** A hub with the LDAP type that can also be a target, taking a new connector. */
function hubForTarget() {
  return fakeHub({
    'GET /api/v1/connector-types': jsonResponse(200, [ldapTargetType]),
    'POST /api/v1/connectors': jsonResponse(201, created),
    'GET /api/v1/connectors': jsonResponse(200, [created]),
  });
}

/** The provisioning of the connector the hub was asked to create. */
async function sentProvisioning(hub: ReturnType<typeof fakeHub>) {
  await waitFor(() => expect(hub.sent('POST', '/api/v1/connectors')).toHaveLength(1));
  return (hub.sent('POST', '/api/v1/connectors')[0].body as { provisioning: unknown }).provisioning;
}

describe('Add connector', () => {
  it('lists installed types with their description and capabilities', async () => {
    fakeHub({ 'GET /api/v1/connector-types': jsonResponse(200, [ldapType]) });
    renderRoutes(connectorRoutes, '/connectors/new');
    const card = await screen.findByTestId('connector-type-ldap');
    expect(card).toHaveTextContent('Active Directory / LDAP');
    expect(card).toHaveTextContent('Users and groups in Active Directory');
    expect(within(card).getByText('Import users')).toBeInTheDocument();
    expect(within(card).getByText('Watch')).toBeInTheDocument();
  });

  it('tests the unsaved settings and shows the report', async () => {
    const user = userEvent.setup();
    const hub = fakeHub({
      'GET /api/v1/connector-types': jsonResponse(200, [ldapType]),
      'POST /api/v1/connector-types/ldap/test': jsonResponse(200, {
        success: true,
        steps: [
          { name: 'connect', success: true, detail: 'Connected' },
          { name: 'bind', success: true, detail: 'Bound' },
        ],
        facts: { vendor: 'OpenLDAP' },
      }),
    });
    renderRoutes(connectorRoutes, '/connectors/new');
    await fillLdapForm(user);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));

    expect(await screen.findByTestId('connection-report')).toHaveAttribute('data-success', 'true');
    expect(hub.sent('POST', '/api/v1/connector-types/ldap/test')[0].body).toEqual({
      settings: {
        urls: ['ldap://127.0.0.1:10389'],
        security: 'none',
        allowPlaintext: true,
        bindDn: 'cn=admin,dc=example,dc=com',
        bindPassword: 'secret',
        userBaseDn: 'ou=people,dc=example,dc=com',
        pageSize: 500,
        connectTimeoutSeconds: 10,
        userObjectClasses: ['inetOrgPerson', 'person'],
      },
    });
  });

  it('shows the hub’s field errors next to the fields, whichever path form they use', async () => {
    const user = userEvent.setup();
    fakeHub({
      'GET /api/v1/connector-types': jsonResponse(200, [ldapType]),
      'POST /api/v1/connectors': problem(422, {
        title: 'Invalid settings',
        detail: 'Some settings are not valid.',
        errors: [
          { field: '/settings/urls/0', message: 'must be an ldap:// or ldaps:// URL' },
          { field: 'settings.bindDn', message: 'is not a valid DN' },
          { field: '/name', message: 'is already used by another connector' },
        ],
      }),
    });
    renderRoutes(connectorRoutes, '/connectors/new');
    await fillLdapForm(user);
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Some settings are not valid.');
    expect(screen.getByLabelText('Server URLs')).toHaveAccessibleDescription(expect.stringContaining('must be an ldap:// or ldaps:// URL'));
    expect(screen.getByLabelText('Bind DN')).toHaveAccessibleDescription(expect.stringContaining('is not a valid DN'));
    expect(screen.getByTestId('connector-name')).toHaveAccessibleDescription('is already used by another connector');
  });

  it('checks required fields before sending anything', async () => {
    const user = userEvent.setup();
    const hub = fakeHub({ 'GET /api/v1/connector-types': jsonResponse(200, [ldapType]) });
    renderRoutes(connectorRoutes, '/connectors/new');
    await user.click(await screen.findByTestId('connector-type-ldap'));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(screen.getByTestId('setting-bindDn-error')).toHaveTextContent('Required');
    expect(screen.getByTestId('setting-urls-error')).toHaveTextContent('Enter at least one value');
    expect(hub.sent('POST', '/api/v1/connectors')).toHaveLength(0);
  });

  it('saves name, type and settings, then returns to the list', async () => {
    const user = userEvent.setup();
    const hub = fakeHub({
      'GET /api/v1/connector-types': jsonResponse(200, [ldapType]),
      'POST /api/v1/connectors': jsonResponse(201, created),
      'GET /api/v1/connectors': jsonResponse(200, [created]),
    });
    const router = renderRoutes(connectorRoutes, '/connectors/new');
    await fillLdapForm(user);
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/connectors'));
    const body = hub.sent('POST', '/api/v1/connectors')[0].body as Record<string, unknown>;
    expect(body).toMatchObject({ name: 'Head office AD', type: 'ldap', enabled: true });
    // Untouched, the connector is a source matched by user name.
    expect(body.provisioning).toEqual({ direction: 'source', operations: [], correlation: 'userName' });
    expect(body.settings).toMatchObject({ bindPassword: 'secret', security: 'none' });
    expect(await screen.findByTestId('flash')).toHaveTextContent('Connector “Head office AD” created.');
  });

  it('makes a target: offers its operations (only those its type can do) and how to match accounts', async () => {
    const user = userEvent.setup();
    const hub = hubForTarget();
    renderRoutes(connectorRoutes, '/connectors/new');
    await fillLdapForm(user);

    // A source receives nothing: no operations to tick.
    expect(screen.getByRole('radio', { name: 'Source' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Source' })).toHaveAccessibleDescription(expect.stringContaining('Feeds the hub'));
    expect(screen.queryByRole('checkbox', { name: 'Create new users' })).toBeNull();
    expect(screen.getByTestId('provisioning-source-note')).toHaveTextContent('A source receives no changes from the hub');

    await user.click(screen.getByRole('radio', { name: 'Target' }));
    expect(screen.getByRole('checkbox', { name: 'Create new users' })).toBeEnabled();
    expect(screen.getByRole('checkbox', { name: 'Delete users' })).toBeDisabled();
    expect(screen.getByRole('checkbox', { name: 'Delete users' })).toHaveAccessibleDescription('Not supported by this connector type');
    await user.click(screen.getByRole('checkbox', { name: 'Set passwords' }));
    await user.click(screen.getByRole('checkbox', { name: 'Create new users' }));
    await user.click(screen.getByRole('checkbox', { name: 'Group membership' }));
    await user.click(screen.getByRole('checkbox', { name: 'Group membership' }));
    await user.selectOptions(screen.getByLabelText('Match new accounts by'), 'Primary email');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await sentProvisioning(hub)).toEqual({
      direction: 'target',
      operations: ['create', 'password'],
      correlation: 'email',
    });
  });

  it('sends no operations for a source, even ones ticked while it was a target', async () => {
    const user = userEvent.setup();
    const hub = hubForTarget();
    renderRoutes(connectorRoutes, '/connectors/new');
    await fillLdapForm(user);
    await user.click(screen.getByRole('radio', { name: 'Both' }));
    await user.click(screen.getByRole('checkbox', { name: 'Update attributes' }));
    await user.click(screen.getByRole('radio', { name: 'Source' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await sentProvisioning(hub)).toEqual({
      direction: 'source',
      operations: [],
      correlation: 'userName',
    });
  });

  it('shows the hub’s errors about provisioning at the provisioning fields', async () => {
    const user = userEvent.setup();
    fakeHub({
      'GET /api/v1/connector-types': jsonResponse(200, [ldapTargetType]),
      'POST /api/v1/connectors': problem(422, {
        detail: 'The provisioning is not valid.',
        errors: [
          { field: '/provisioning/operations/0', message: 'password needs a secure connection' },
          { field: '/provisioning/correlation', message: 'employee numbers are not unique here' },
        ],
      }),
    });
    renderRoutes(connectorRoutes, '/connectors/new');
    await fillLdapForm(user);
    await user.click(screen.getByRole('radio', { name: 'Target' }));
    await user.click(screen.getByRole('checkbox', { name: 'Set passwords' }));
    await user.selectOptions(screen.getByLabelText('Match new accounts by'), 'employeeNumber');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('The provisioning is not valid.');
    expect(screen.getByRole('group', { name: 'Changes this system receives' })).toHaveAccessibleDescription('password needs a secure connection');
    expect(screen.getByLabelText('Match new accounts by')).toHaveAccessibleDescription('employee numbers are not unique here');
  });

  it('is not offered to an operator', async () => {
    fakeHub({ 'GET /api/v1/connector-types': jsonResponse(200, [ldapType]) });
    renderRoutes(connectorRoutes, '/connectors/new', 'operator');
    expect(await screen.findByTestId('forbidden')).toBeInTheDocument();
    expect(screen.queryByTestId('connector-type-ldap')).toBeNull();
  });
});
