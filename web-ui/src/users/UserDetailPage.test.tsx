import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeHub } from '../test/fakeHub';
import { jsonResponse, problem } from '../test/fixtures';
import { renderRoutes } from '../test/renderRoutes';
import { userRoutes } from './routes';

const ID = '11111111-1111-4111-8111-111111111111';
const BOSS = '99999999-9999-4999-8999-999999999999';
const STAFF = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const ENG = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

const ada = {
  id: ID,
  userName: 'ada',
  displayName: 'Ada Lovelace',
  givenName: 'Ada',
  familyName: 'Lovelace',
  emails: ['ada@example.com', 'countess@example.org'],
  active: true,
  employeeNumber: 'E-1815',
  department: 'Engineering',
  manager: { id: BOSS, userName: 'babbage', displayName: 'Charles Babbage' },
  attributes: { title: 'Analyst', phones: ['+44 20 0000'] },
  groups: [
    { id: STAFF, name: 'Staff' },
    { id: ENG, name: 'Engineering' },
  ],
  accounts: [],
  version: 3,
  createdAt: '2025-01-01T09:00:00Z',
  updatedAt: '2025-01-02T09:00:00Z',
};

function hubWithAda(extra: Parameters<typeof fakeHub>[0] = {}, user: object = ada) {
  return fakeHub({ [`GET /api/v1/users/${ID}`]: jsonResponse(200, user), ...extra });
}

const done = () => new Response(null, { status: 204 });

describe('User detail', () => {
  it('shows status, manager, groups as links and why there are no linked accounts', async () => {
    hubWithAda();
    renderRoutes(userRoutes, `/users/${ID}`);
    expect(await screen.findByRole('heading', { name: 'Ada Lovelace', level: 1 })).toBeInTheDocument();
    expect(screen.getAllByTestId('user-status')[0]).toHaveAttribute('data-state', 'active');

    const groups = screen.getByTestId('user-groups');
    expect(within(groups).getByRole('link', { name: 'Staff' })).toHaveAttribute('href', `/groups/${STAFF}`);
    expect(within(groups).getByRole('link', { name: 'Engineering' })).toHaveAttribute('href', `/groups/${ENG}`);

    expect(screen.getByTestId('user-accounts-empty')).toHaveTextContent(
      'No linked accounts yet: accounts are linked when a connector imports or provisions this user',
    );
    expect(screen.queryByTestId('user-accounts-table')).toBeNull();

    // The edit form starts from the saved values.
    expect(screen.getByLabelText('User name')).toHaveValue('ada');
    expect(screen.getByLabelText('Emails')).toHaveValue('ada@example.com\ncountess@example.org');
    expect(screen.getByTestId('user-manager-name')).toHaveTextContent('Charles Babbage (babbage)');
    expect(screen.getByTestId('user-attributes')).toHaveTextContent('"title": "Analyst"');
  });

  it('lists the linked accounts with their connector, external id, state and last sync', async () => {
    hubWithAda({}, {
      ...ada,
      accounts: [
        {
          connectorId: 'c-1',
          connectorName: 'Head office AD',
          connectorType: 'ldap',
          externalId: 'CN=Ada,OU=People',
          state: 'linked',
          linkedAt: '2025-01-01T09:00:00Z',
          lastSyncAt: null,
        },
      ],
    });
    renderRoutes(userRoutes, `/users/${ID}`);
    const row = await screen.findByTestId('user-account-row');
    expect(within(row).getByRole('link', { name: 'Head office AD' })).toHaveAttribute('href', '/connectors/c-1');
    expect(row).toHaveTextContent('ldap');
    expect(row).toHaveTextContent('CN=Ada,OU=People');
    expect(within(row).getByTestId('account-state')).toHaveAttribute('data-state', 'linked');
    expect(row).toHaveTextContent('Never');
    expect(screen.queryByTestId('user-accounts-empty')).toBeNull();
  });

  it('disables with POST …/disable and then offers Enable', async () => {
    const user = userEvent.setup();
    let active = true;
    const hub = fakeHub({
      [`GET /api/v1/users/${ID}`]: () => jsonResponse(200, { ...ada, active }),
      [`POST /api/v1/users/${ID}/disable`]: () => {
        active = false;
        return jsonResponse(200, { ...ada, active });
      },
      [`POST /api/v1/users/${ID}/enable`]: () => {
        active = true;
        return jsonResponse(200, { ...ada, active });
      },
    });
    renderRoutes(userRoutes, `/users/${ID}`);
    await user.click(await screen.findByRole('button', { name: 'Disable' }));
    expect(await screen.findByTestId('flash')).toHaveTextContent('User “ada” disabled.');
    expect(hub.sent('POST', `/api/v1/users/${ID}/disable`)).toHaveLength(1);
    expect(hub.sent('POST', `/api/v1/users/${ID}/disable`)[0].body).toBeUndefined();
    expect(screen.getAllByTestId('user-status')[0]).toHaveAttribute('data-state', 'disabled');

    await user.click(screen.getByRole('button', { name: 'Enable' }));
    await waitFor(() => expect(hub.sent('POST', `/api/v1/users/${ID}/enable`)).toHaveLength(1));
    expect(await screen.findByRole('button', { name: 'Disable' })).toBeInTheDocument();
  });

  it('adds the user to a group found by name with PUT …/members/<user>', async () => {
    const user = userEvent.setup();
    const sales = { id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc', name: 'Sales', description: 'Sales team', memberCount: 4 };
    let added = false;
    const hub = fakeHub({
      [`GET /api/v1/users/${ID}`]: () => jsonResponse(200, { ...ada, groups: added ? [...ada.groups, { id: sales.id, name: 'Sales' }] : ada.groups }),
      'GET /api/v1/groups': jsonResponse(200, { items: [{ id: STAFF, name: 'Staff', memberCount: 10 }, sales], next: null }),
      [`PUT /api/v1/groups/${sales.id}/members/${ID}`]: () => {
        added = true;
        return done();
      },
    });
    renderRoutes(userRoutes, `/users/${ID}`);
    await user.type(await screen.findByLabelText('Add to group'), 'sa');
    const option = await screen.findByRole('button', { name: /Sales/ });
    expect(hub.sent('GET', '/api/v1/groups?q=sa&limit=10')).toHaveLength(1);
    // Groups the user is already in are not offered.
    expect(screen.getAllByTestId('group-picker-option')).toHaveLength(1);

    await user.click(option);
    expect(await screen.findByTestId('flash')).toHaveTextContent('“ada” added to the group “Sales”.');
    expect(hub.sent('PUT', `/api/v1/groups/${sales.id}/members/${ID}`)).toHaveLength(1);
    await waitFor(() => expect(screen.getAllByTestId('user-group')).toHaveLength(3));
    expect(screen.getByLabelText('Add to group')).toHaveValue('');
  });

  it('removes the user from a group with DELETE …/members/<user>', async () => {
    const user = userEvent.setup();
    const hub = hubWithAda({ [`DELETE /api/v1/groups/${ENG}/members/${ID}`]: done() });
    renderRoutes(userRoutes, `/users/${ID}`);
    await user.click(await screen.findByRole('button', { name: 'Remove from Engineering' }));
    await waitFor(() => expect(hub.sent('DELETE', `/api/v1/groups/${ENG}/members/${ID}`)).toHaveLength(1));
    expect(await screen.findByTestId('flash')).toHaveTextContent('“ada” removed from the group “Engineering”.');
  });

  it('saves the whole user with PUT, keeping the attributes and status it does not edit', async () => {
    const user = userEvent.setup();
    const hub = hubWithAda({ [`PUT /api/v1/users/${ID}`]: jsonResponse(200, ada) });
    renderRoutes(userRoutes, `/users/${ID}`);
    const department = await screen.findByLabelText('Department');
    await user.clear(department);
    await user.type(department, 'Research');
    await user.clear(screen.getByLabelText('Employee number'));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(hub.sent('PUT', `/api/v1/users/${ID}`)).toHaveLength(1));
    expect(hub.sent('PUT', `/api/v1/users/${ID}`)[0].body).toEqual({
      userName: 'ada',
      displayName: 'Ada Lovelace',
      givenName: 'Ada',
      familyName: 'Lovelace',
      emails: ['ada@example.com', 'countess@example.org'],
      department: 'Research',
      employeeNumber: null,
      managerId: BOSS,
      active: true,
      attributes: { title: 'Analyst', phones: ['+44 20 0000'] },
    });
    expect(await screen.findByText('Changes saved.')).toBeInTheDocument();
  });

  it('removes the manager, and shows the hub’s 422 for an unknown one', async () => {
    const user = userEvent.setup();
    const hub = hubWithAda({
      [`PUT /api/v1/users/${ID}`]: problem(422, { title: 'Unprocessable', detail: 'No user with id 9999… to be the manager' }),
    });
    renderRoutes(userRoutes, `/users/${ID}`);
    await user.click(await screen.findByRole('button', { name: 'Remove manager' }));
    expect(screen.getByTestId('user-manager-none')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await within(screen.getByTestId('user-form')).findByRole('alert')).toHaveTextContent('No user with id 9999… to be the manager');
    expect((hub.sent('PUT', `/api/v1/users/${ID}`)[0].body as { managerId: unknown }).managerId).toBeNull();
  });

  it('deletes only after confirmation and goes back to the list', async () => {
    const user = userEvent.setup();
    const hub = hubWithAda({
      [`DELETE /api/v1/users/${ID}`]: done(),
      'GET /api/v1/users': jsonResponse(200, { items: [], next: null }),
    });
    const router = renderRoutes(userRoutes, `/users/${ID}`);
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete user “ada”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(hub.sent('DELETE', `/api/v1/users/${ID}`)).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/users'));
    expect(hub.sent('DELETE', `/api/v1/users/${ID}`)).toHaveLength(1);
    expect(await screen.findByTestId('flash')).toHaveTextContent('User “ada” deleted.');
  });

  it('says so when the user does not exist', async () => {
    fakeHub({ [`GET /api/v1/users/${ID}`]: problem(404, { title: 'Not found', detail: 'No such user' }) });
    renderRoutes(userRoutes, `/users/${ID}`);
    expect(await screen.findByTestId('user-not-found')).toBeInTheDocument();
  });

  it('shows an auditor everything but no button that changes anything', async () => {
    const hub = hubWithAda();
    renderRoutes(userRoutes, `/users/${ID}`, 'auditor');
    await screen.findByRole('heading', { name: 'Ada Lovelace', level: 1 });
    expect(screen.getAllByTestId('user-group')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: /Disable|Enable|Delete|Remove|Save/ })).toBeNull();
    expect(screen.queryByTestId('group-picker')).toBeNull();
    expect(screen.queryByTestId('manager-picker')).toBeNull();
    expect(screen.getByLabelText('User name')).toBeDisabled();
    expect(screen.getByLabelText('Emails')).toBeDisabled();
    expect(hub.requests.every((r) => r.method === 'GET')).toBe(true);
  });
});

describe('Add user', () => {
  const created = { ...ada, id: ID, groups: [], accounts: [], attributes: {} };

  it('sends the user with one email per line and empty fields as null, then opens the new user', async () => {
    const user = userEvent.setup();
    const hub = fakeHub({
      'POST /api/v1/users': jsonResponse(201, created),
      [`GET /api/v1/users/${ID}`]: jsonResponse(200, created),
    });
    const router = renderRoutes(userRoutes, '/users/new');
    await user.type(await screen.findByLabelText('User name'), '  ada ');
    await user.type(screen.getByLabelText('Display name'), 'Ada Lovelace');
    await user.type(screen.getByLabelText('Emails'), 'ada@example.com{Enter}{Enter}  countess@example.org  {Enter}');
    await user.click(screen.getByRole('button', { name: 'Create user' }));

    await waitFor(() => expect(router.state.location.pathname).toBe(`/users/${ID}`));
    expect(hub.sent('POST', '/api/v1/users')[0].body).toEqual({
      userName: 'ada',
      displayName: 'Ada Lovelace',
      givenName: null,
      familyName: null,
      emails: ['ada@example.com', 'countess@example.org'],
      department: null,
      employeeNumber: null,
      managerId: null,
      active: true,
    });
    expect(await screen.findByTestId('flash')).toHaveTextContent('User “ada” created.');
  });

  it('sets the manager picked from a user search, and can create the user disabled', async () => {
    const user = userEvent.setup();
    const hub = fakeHub({
      'GET /api/v1/users': jsonResponse(200, {
        items: [{ id: BOSS, userName: 'babbage', displayName: 'Charles Babbage', email: 'cb@example.com', active: true }],
        next: null,
      }),
      'POST /api/v1/users': jsonResponse(201, created),
      [`GET /api/v1/users/${ID}`]: jsonResponse(200, created),
    });
    renderRoutes(userRoutes, '/users/new');
    await user.type(await screen.findByLabelText('User name'), 'ada');
    await user.type(screen.getByLabelText('Find a manager'), 'bab');
    await user.click(await screen.findByRole('button', { name: /babbage/ }));
    expect(hub.sent('GET', '/api/v1/users?q=bab&limit=10')).toHaveLength(1);
    expect(screen.getByTestId('user-manager-name')).toHaveTextContent('Charles Babbage (babbage)');
    await user.click(screen.getByLabelText('Active'));
    await user.click(screen.getByRole('button', { name: 'Create user' }));

    await waitFor(() => expect(hub.sent('POST', '/api/v1/users')).toHaveLength(1));
    expect(hub.sent('POST', '/api/v1/users')[0].body).toMatchObject({ userName: 'ada', managerId: BOSS, active: false, emails: [] });
  });

  it('checks the user name and the emails before calling the hub', async () => {
    const user = userEvent.setup();
    const hub = fakeHub({});
    renderRoutes(userRoutes, '/users/new');
    await user.type(await screen.findByLabelText('Emails'), 'ada@example.com{Enter}not an address');
    await user.click(screen.getByRole('button', { name: 'Create user' }));
    expect(screen.getByLabelText('User name')).toHaveAccessibleDescription('Required');
    expect(screen.getByLabelText('Emails')).toHaveAccessibleDescription('Not an email address: not an address');
    expect(hub.requests).toHaveLength(0);
  });

  it('shows the hub’s 409 for a taken user name in words and stays on the form', async () => {
    const user = userEvent.setup();
    fakeHub({ 'POST /api/v1/users': problem(409, { title: 'Conflict', detail: 'A user named ada already exists' }) });
    const router = renderRoutes(userRoutes, '/users/new');
    await user.type(await screen.findByLabelText('User name'), 'ada');
    await user.click(screen.getByRole('button', { name: 'Create user' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('A user named ada already exists');
    expect(router.state.location.pathname).toBe('/users/new');
    expect(screen.getByRole('button', { name: 'Create user' })).toBeEnabled();
  });

  it('puts the hub’s field errors next to their fields (/emails/0 under Emails)', async () => {
    const user = userEvent.setup();
    fakeHub({
      'POST /api/v1/users': problem(400, {
        title: 'Bad request',
        detail: 'The request body is not valid.',
        errors: [
          { field: '/emails/0', message: 'is not an email address the hub accepts' },
          { field: '/userName', message: 'is too long' },
        ],
      }),
    });
    renderRoutes(userRoutes, '/users/new');
    await user.type(await screen.findByLabelText('User name'), 'ada');
    await user.type(screen.getByLabelText('Emails'), 'ada@localhost');
    await user.click(screen.getByRole('button', { name: 'Create user' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The request body is not valid.');
    expect(screen.getByLabelText('Emails')).toHaveAccessibleDescription('is not an email address the hub accepts');
    expect(screen.getByLabelText('User name')).toHaveAccessibleDescription('is too long');
  });

  it('is refused to an auditor without asking the hub', async () => {
    const hub = fakeHub({});
    renderRoutes(userRoutes, '/users/new', 'auditor');
    expect(await screen.findByTestId('forbidden')).toBeInTheDocument();
    expect(hub.requests).toHaveLength(0);
  });

  it('is open to an operator', async () => {
    fakeHub({});
    renderRoutes(userRoutes, '/users/new', 'operator');
    expect(await screen.findByRole('button', { name: 'Create user' })).toBeInTheDocument();
  });
});
