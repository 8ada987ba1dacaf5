import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeHub } from '../test/fakeHub';
import { emptyPage, jsonResponse, problem } from '../test/fixtures';
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

/** What the user page's provisioning and history cards ask for, with nothing in it. */
function quietCards() {
  return {
    'GET /api/v1/provisioning': emptyPage(),
    'GET /api/v1/events': emptyPage(),
    'GET /api/v1/connectors': jsonResponse(200, []),
  };
}

function hubWithAda(extra: Parameters<typeof fakeHub>[0] = {}, user: object = ada) {
  return fakeHub({ ...quietCards(), [`GET /api/v1/users/${ID}`]: jsonResponse(200, user), ...extra });
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
      ...quietCards(),
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
      ...quietCards(),
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
    expect(screen.queryByRole('button', { name: /Disable|Enable|Delete|Remove|Save|Set password|Retry/ })).toBeNull();
    expect(screen.queryByTestId('group-picker')).toBeNull();
    expect(screen.queryByTestId('manager-picker')).toBeNull();
    expect(screen.getByLabelText('User name')).toBeDisabled();
    expect(screen.getByLabelText('Emails')).toBeDisabled();
    expect(hub.requests.every((r) => r.method === 'GET')).toBe(true);
  });
});

describe('User detail: accounts, provisioning and history', () => {
  const AD = '0b6c6f1e-8a57-4a43-9d7e-3f1f0c1e2a10';
  const GW = '7c1d2e3f-0000-4000-8000-00000000aaaa';

  it('shows each linked account as active or disabled, with when it was last synced', async () => {
    hubWithAda({}, {
      ...ada,
      accounts: [
        { connectorId: AD, connectorName: 'Head office AD', connectorType: 'ldap', externalId: 'CN=Ada,OU=People', state: 'active', linkedAt: '2025-01-01T09:00:00Z', lastSyncAt: '2025-01-01T10:00:00Z' },
        { connectorId: GW, connectorName: 'Google Workspace', connectorType: 'google', externalId: '1049', state: 'disabled', linkedAt: '2025-01-01T09:00:00Z', lastSyncAt: null },
      ],
    });
    renderRoutes(userRoutes, `/users/${ID}`);
    const [active, disabled] = await screen.findAllByTestId('user-account-row');
    expect(within(active).getByTestId('account-state')).toHaveTextContent('Active');
    expect(within(active).getByTestId('account-state')).toHaveClass('badge-success');
    expect(active).toHaveTextContent(/days ago/);
    expect(within(disabled).getByTestId('account-state')).toHaveTextContent('Disabled');
    expect(within(disabled).getByTestId('account-state')).toHaveClass('badge-neutral');
    expect(disabled).toHaveTextContent('Never');
  });

  it('lists the user’s latest provisioning tasks, with a link to the whole log for the user', async () => {
    const hub = hubWithAda({
      'GET /api/v1/provisioning': jsonResponse(200, {
        items: [
          {
            id: 9,
            connectorId: GW,
            connectorName: 'Google Workspace',
            userId: ID,
            groupId: null,
            subject: 'ada',
            operation: 'password',
            status: 'failed',
            attempts: 3,
            lastError: 'Password too short for Google',
            nextAttemptAt: null,
            createdAt: '2025-03-01T10:00:00Z',
            finishedAt: '2025-03-01T10:10:00Z',
          },
        ],
        next: 'older',
      }),
    });
    renderRoutes(userRoutes, `/users/${ID}`);
    const card = await screen.findByTestId('user-provisioning');
    const row = await within(card).findByTestId('provisioning-row');
    expect(row).toHaveTextContent('Set password');
    expect(row).toHaveTextContent('Password too short for Google');
    expect(within(row).getByTestId('task-status')).toHaveAttribute('data-state', 'failed');
    expect(within(row).getByRole('button', { name: /Retry/ })).toBeInTheDocument();
    expect(hub.sent('GET', `/api/v1/provisioning?user=${ID}&limit=20`)).toHaveLength(1);
    expect(within(card).getByRole('link', { name: 'See the full log' })).toHaveAttribute('href', `/provisioning?user=${ID}`);
  });

  it('says when nothing was provisioned for the user yet', async () => {
    hubWithAda();
    renderRoutes(userRoutes, `/users/${ID}`);
    expect(await screen.findByTestId('user-provisioning-empty')).toHaveTextContent('Nothing sent for this user yet');
    expect(await screen.findByTestId('user-history-empty')).toHaveTextContent('No changes recorded yet.');
  });

  it('shows the user’s history: what changed, where it came from, and which fields', async () => {
    const hub = hubWithAda({
      'GET /api/v1/connectors': jsonResponse(200, [
        { id: AD, name: 'Head office AD', type: 'ldap', enabled: true, settings: {}, secretsSet: [], status: { state: 'running' } },
      ]),
      'GET /api/v1/events': jsonResponse(200, {
        items: [
          { id: 14, type: 'user.updated', at: '2025-03-02T09:00:00Z', userId: ID, connectorId: AD, actor: null, data: { changed: ['displayName', 'department'] } },
          { id: 13, type: 'group.member_added', at: '2025-03-01T12:00:00Z', userId: ID, groupId: ENG, connectorId: null, actor: 'alice', data: { group: { id: ENG, name: 'Engineering' } } },
          { id: 12, type: 'user.disabled', at: '2025-03-01T11:00:00Z', userId: ID, connectorId: null, actor: 'bob', data: {} },
          { id: 11, type: 'account.linked', at: '2025-03-01T10:00:00Z', userId: ID, connectorId: AD, actor: null, data: { connectorId: AD, externalId: 'CN=Ada,OU=People' } },
          { id: 10, type: 'user.created', at: '2025-03-01T09:00:00Z', userId: ID, connectorId: null, actor: null, data: {} },
        ],
        next: null,
      }),
    });
    renderRoutes(userRoutes, `/users/${ID}`);
    const card = await screen.findByTestId('user-history');
    await within(card).findAllByTestId('event-row');
    expect(hub.sent('GET', `/api/v1/events?user=${ID}&limit=20`)).toHaveLength(1);
    const rows = within(card).getAllByTestId('event-row');
    const column = (testId: string) => rows.map((r) => within(r).getByTestId(testId).textContent);

    expect(rows.map((r) => r.querySelectorAll('td')[1].firstChild?.textContent)).toEqual([
      'Attributes changed',
      'Added to a group',
      'Disabled',
      'Account linked',
      'User created',
    ]);
    await waitFor(() => expect(column('event-source')).toEqual(['Head office AD', 'alice', 'bob', 'Head office AD', 'The hub']));
    expect(within(rows[0]).getByRole('link', { name: 'Head office AD' })).toHaveAttribute('href', `/connectors/${AD}`);
    expect(column('event-details')).toEqual(['Changed: Display name, Department', 'Group: Engineering', '—', 'CN=Ada,OU=People', '—']);
    expect(within(rows[1]).getByRole('link', { name: 'Engineering' })).toHaveAttribute('href', `/groups/${ENG}`);
  });

  it('loads the history again after a change to the user', async () => {
    const user = userEvent.setup();
    const hub = hubWithAda({ [`POST /api/v1/users/${ID}/disable`]: jsonResponse(200, { ...ada, active: false }) });
    renderRoutes(userRoutes, `/users/${ID}`);
    await screen.findByTestId('user-history-empty');
    const historyCalls = () => hub.sent('GET', `/api/v1/events?user=${ID}&limit=20`).length;
    expect(historyCalls()).toBe(1);
    await user.click(screen.getByRole('button', { name: 'Disable' }));
    await waitFor(() => expect(historyCalls()).toBe(2));
    expect(hub.sent('GET', `/api/v1/provisioning?user=${ID}&limit=20`)).toHaveLength(2);
  });
});

describe('Set password', () => {
  it('checks the confirmation, sends the password and shows how each system took it', async () => {
    const user = userEvent.setup();
    const hub = hubWithAda({
      [`POST /api/v1/users/${ID}/password`]: jsonResponse(200, {
        results: [
          { connectorId: 'c-1', connectorName: 'Head office AD', status: 'succeeded', error: null },
          { connectorId: 'c-2', connectorName: 'Google Workspace', status: 'failed', error: 'Password does not meet the domain policy' },
        ],
      }),
    });
    renderRoutes(userRoutes, `/users/${ID}`);
    await user.click(await screen.findByRole('button', { name: 'Set password' }));
    const dialog = screen.getByRole('dialog', { name: 'Set the password of “ada”' });
    expect(within(dialog).getByLabelText('New password')).toHaveFocus();

    await user.type(within(dialog).getByLabelText('New password'), 'S3cret!pass');
    await user.type(within(dialog).getByLabelText('Confirm password'), 'S3cret!pas');
    await user.click(within(dialog).getByRole('button', { name: 'Set password' }));
    expect(within(dialog).getByLabelText('Confirm password')).toHaveAccessibleDescription('The passwords do not match');
    expect(hub.sent('POST', `/api/v1/users/${ID}/password`)).toHaveLength(0);

    await user.type(within(dialog).getByLabelText('Confirm password'), 's');
    await user.click(within(dialog).getByRole('button', { name: 'Set password' }));

    const results = await screen.findByRole('dialog', { name: 'Password of “ada”' });
    expect(hub.sent('POST', `/api/v1/users/${ID}/password`)[0].body).toEqual({ password: 'S3cret!pass' });
    expect(within(results).getByTestId('password-summary')).toHaveTextContent('Set in 1 of 2 systems.');
    const outcomes = within(results).getAllByTestId('password-result');
    expect(outcomes.map((o) => o.dataset.status)).toEqual(['succeeded', 'failed']);
    expect(outcomes[0]).toHaveTextContent('Head office ADSet');
    expect(outcomes[1]).toHaveTextContent('Google WorkspaceFailedPassword does not meet the domain policy');

    await user.click(within(results).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows the hub’s 409 in words when no linked system takes passwords', async () => {
    const user = userEvent.setup();
    hubWithAda({
      [`POST /api/v1/users/${ID}/password`]: problem(409, { title: 'Conflict', detail: 'None of the systems linked to ada accepts passwords.' }),
    });
    renderRoutes(userRoutes, `/users/${ID}`);
    await user.click(await screen.findByRole('button', { name: 'Set password' }));
    const dialog = screen.getByRole('dialog', { name: 'Set the password of “ada”' });
    await user.type(within(dialog).getByLabelText('New password'), 'x');
    await user.type(within(dialog).getByLabelText('Confirm password'), 'x');
    await user.click(within(dialog).getByRole('button', { name: 'Set password' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('None of the systems linked to ada accepts passwords.');
    expect(within(dialog).getByRole('button', { name: 'Set password' })).toBeEnabled();

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('asks for a password before calling the hub, and closes on Escape', async () => {
    const user = userEvent.setup();
    const hub = hubWithAda();
    renderRoutes(userRoutes, `/users/${ID}`);
    await user.click(await screen.findByRole('button', { name: 'Set password' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Set password' }));
    expect(within(dialog).getByLabelText('New password')).toHaveAccessibleDescription('Required');
    expect(hub.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('Add user', () => {
  const created = { ...ada, id: ID, groups: [], accounts: [], attributes: {} };

  it('sends the user with one email per line and empty fields as null, then opens the new user', async () => {
    const user = userEvent.setup();
    const hub = fakeHub({
      ...quietCards(),
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
      ...quietCards(),
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
