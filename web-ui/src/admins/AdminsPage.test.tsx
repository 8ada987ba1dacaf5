import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Role } from '../shared/api';
import { AppLayout } from '../shared/layout/AppLayout';
import { fakeHub } from '../test/fakeHub';
import { jsonResponse, problem } from '../test/fixtures';
import { renderRoutes } from '../test/renderRoutes';
import { adminRoutes } from './routes';

/** `tester` is the logged-in admin of renderRoutes' session. */
const admins = [
  { username: 'tester', role: 'admin', enabled: true, createdAt: '2025-01-01T09:00:00Z', lastLoginAt: '2025-01-02T09:00:00Z' },
  { username: 'olivia', role: 'operator', enabled: true, createdAt: '2025-01-03T09:00:00Z', lastLoginAt: null },
  { username: 'audrey', role: 'auditor', enabled: false, createdAt: '2025-01-04T09:00:00Z', lastLoginAt: null },
];

function hubWithAdmins(extra: Parameters<typeof fakeHub>[0] = {}) {
  return fakeHub({ 'GET /api/v1/admins': jsonResponse(200, admins), ...extra });
}

function rowOf(username: string) {
  return screen.getAllByTestId('admin-row').find((row) => row.getAttribute('data-username') === username)!;
}

async function openAddForm(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: /Add admin/ }));
  return screen.getByTestId('add-admin-form');
}

describe('Admins list', () => {
  it('shows each account with its role, state, creation and last login', async () => {
    hubWithAdmins();
    renderRoutes(adminRoutes, '/admins');
    await screen.findByTestId('admins-table');
    expect(screen.getAllByTestId('admin-row')).toHaveLength(3);

    const olivia = rowOf('olivia');
    expect(within(olivia).getByRole('combobox', { name: 'Role of olivia' })).toHaveValue('operator');
    expect(within(olivia).getByTestId('admin-enabled')).toHaveAttribute('data-state', 'enabled');
    expect(within(olivia).getByTestId('admin-last-login')).toHaveTextContent('Never');
    expect(within(olivia).getByRole('button', { name: 'Disable' })).toBeEnabled();

    const audrey = rowOf('audrey');
    expect(within(audrey).getByTestId('admin-enabled')).toHaveAttribute('data-state', 'disabled');
    expect(within(audrey).getByTestId('admin-enabled')).toHaveClass('badge-neutral');
    expect(within(audrey).getByRole('button', { name: 'Enable' })).toBeInTheDocument();
  });

  it('does not let the admin delete or disable their own account', async () => {
    hubWithAdmins();
    renderRoutes(adminRoutes, '/admins');
    await screen.findByTestId('admins-table');
    const me = rowOf('tester');
    expect(within(me).getByTestId('admin-self')).toBeInTheDocument();
    expect(within(me).getByRole('button', { name: 'Delete' })).toBeDisabled();
    expect(within(me).getByRole('button', { name: 'Disable' })).toBeDisabled();
    expect(within(me).getByRole('button', { name: 'Reset password' })).toBeEnabled();
    expect(within(rowOf('olivia')).getByRole('button', { name: 'Delete' })).toBeEnabled();
  });

  it('is refused to an operator without asking the hub', async () => {
    const hub = hubWithAdmins();
    renderRoutes(adminRoutes, '/admins', 'operator');
    expect(await screen.findByTestId('forbidden')).toBeInTheDocument();
    expect(hub.requests).toHaveLength(0);
  });
});

describe('Add admin', () => {
  it('checks the username, password length and confirmation before calling the hub', async () => {
    const user = userEvent.setup();
    const hub = hubWithAdmins();
    renderRoutes(adminRoutes, '/admins');
    const form = await openAddForm(user);
    await user.type(within(form).getByLabelText('Username'), 'a b');
    await user.type(within(form).getByLabelText('Password'), 'too short');
    await user.type(within(form).getByLabelText('Confirm password'), 'too short');
    await user.click(within(form).getByRole('button', { name: 'Create admin' }));

    expect(within(form).getByLabelText('Username')).toHaveAccessibleDescription('Use 3 to 64 letters, digits, . _ @ -');
    expect(within(form).getByLabelText('Password')).toHaveAccessibleDescription('Use at least 12 characters');
    expect(within(form).getByLabelText('Confirm password')).not.toHaveAttribute('aria-invalid');

    await user.clear(within(form).getByLabelText('Username'));
    await user.type(within(form).getByLabelText('Username'), 'carol');
    await user.clear(within(form).getByLabelText('Password'));
    await user.type(within(form).getByLabelText('Password'), 'long enough password');
    await user.click(within(form).getByRole('button', { name: 'Create admin' }));
    expect(within(form).getByLabelText('Confirm password')).toHaveAccessibleDescription('The passwords do not match');
    expect(within(form).getByLabelText('Password')).not.toHaveAttribute('aria-invalid');

    expect(hub.sent('POST', '/api/v1/admins')).toHaveLength(0);
  });

  it('explains each role', async () => {
    const user = userEvent.setup();
    hubWithAdmins();
    renderRoutes(adminRoutes, '/admins');
    const form = await openAddForm(user);
    const help = within(form).getByRole('list', { name: 'What each role may do' });
    expect(help).toHaveTextContent('Administrator: Everything');
    expect(help).toHaveTextContent('Operator: Start, stop and test connectors, run imports, manage users and groups; no settings or secrets.');
    expect(help).toHaveTextContent('Auditor: Read-only, plus the audit log.');
    await user.selectOptions(within(form).getByLabelText('Role'), 'operator');
    expect(within(form).getByLabelText('Role')).toHaveAccessibleDescription(expect.stringContaining('Start, stop and test connectors'));
  });

  it('sends username, password and role, then shows the new account', async () => {
    const user = userEvent.setup();
    let created = false;
    const carol = { username: 'carol', role: 'operator', enabled: true, createdAt: '2025-02-01T09:00:00Z', lastLoginAt: null };
    const hub = fakeHub({
      'GET /api/v1/admins': () => jsonResponse(200, created ? [...admins, carol] : admins),
      'POST /api/v1/admins': () => {
        created = true;
        return jsonResponse(201, carol);
      },
    });
    renderRoutes(adminRoutes, '/admins');
    const form = await openAddForm(user);
    await user.type(within(form).getByLabelText('Username'), 'carol');
    await user.selectOptions(within(form).getByLabelText('Role'), 'operator');
    await user.type(within(form).getByLabelText('Password'), 'correct horse battery');
    await user.type(within(form).getByLabelText('Confirm password'), 'correct horse battery');
    await user.click(within(form).getByRole('button', { name: 'Create admin' }));

    expect(await screen.findByTestId('flash')).toHaveTextContent('Admin “carol” created with the Operator role.');
    expect(hub.sent('POST', '/api/v1/admins')[0].body).toEqual({
      username: 'carol',
      password: 'correct horse battery',
      role: 'operator',
    });
    expect(screen.queryByTestId('add-admin-form')).toBeNull();
    await waitFor(() => expect(screen.getAllByTestId('admin-row')).toHaveLength(4));
  });

  it('says in words why the hub refused, with the field errors by their fields', async () => {
    const user = userEvent.setup();
    hubWithAdmins({
      'POST /api/v1/admins': problem(409, { title: 'Conflict', detail: 'An admin named olivia already exists' }),
    });
    renderRoutes(adminRoutes, '/admins');
    const form = await openAddForm(user);
    await user.type(within(form).getByLabelText('Username'), 'olivia');
    await user.type(within(form).getByLabelText('Password'), 'correct horse battery');
    await user.type(within(form).getByLabelText('Confirm password'), 'correct horse battery');
    await user.click(within(form).getByRole('button', { name: 'Create admin' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('An admin named olivia already exists');
    expect(screen.getByTestId('add-admin-form')).toBeInTheDocument();
  });

  it('shows the hub’s field errors next to the fields', async () => {
    const user = userEvent.setup();
    hubWithAdmins({
      'POST /api/v1/admins': problem(400, {
        title: 'Bad request',
        detail: 'The request body is not valid.',
        errors: [{ field: '/password', message: 'is too common' }],
      }),
    });
    renderRoutes(adminRoutes, '/admins');
    const form = await openAddForm(user);
    await user.type(within(form).getByLabelText('Username'), 'carol');
    await user.type(within(form).getByLabelText('Password'), 'password1234');
    await user.type(within(form).getByLabelText('Confirm password'), 'password1234');
    await user.click(within(form).getByRole('button', { name: 'Create admin' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('The request body is not valid.');
    expect(within(form).getByLabelText('Password')).toHaveAccessibleDescription('is too common');
  });
});

describe('Admin actions', () => {
  it('changes a role with PATCH {role}', async () => {
    const user = userEvent.setup();
    const hub = hubWithAdmins({
      'PATCH /api/v1/admins/olivia': jsonResponse(200, { ...admins[1], role: 'auditor' }),
    });
    renderRoutes(adminRoutes, '/admins');
    await screen.findByTestId('admins-table');
    await user.selectOptions(within(rowOf('olivia')).getByRole('combobox', { name: 'Role of olivia' }), 'auditor');

    await waitFor(() => expect(hub.sent('PATCH', '/api/v1/admins/olivia')).toHaveLength(1));
    expect(hub.sent('PATCH', '/api/v1/admins/olivia')[0].body).toEqual({ role: 'auditor' });
    expect(await screen.findByTestId('flash')).toHaveTextContent('“olivia” now has the Auditor role.');
  });

  it('shows the hub’s refusal to demote the last admin in words', async () => {
    const user = userEvent.setup();
    // Another admin account; the hub has meanwhile found it to be the last enabled one.
    fakeHub({
      'GET /api/v1/admins': jsonResponse(200, [...admins, { username: 'alex', role: 'admin', enabled: true, createdAt: '2025-01-05T09:00:00Z' }]),
      'PATCH /api/v1/admins/alex': problem(409, {
        title: 'Conflict',
        detail: 'Cannot demote or disable the last enabled admin; create another admin first',
      }),
    });
    renderRoutes(adminRoutes, '/admins');
    await screen.findByTestId('admins-table');
    await user.selectOptions(within(rowOf('alex')).getByRole('combobox', { name: 'Role of alex' }), 'operator');
    expect(await screen.findByRole('alert')).toHaveTextContent('Cannot demote or disable the last enabled admin');
    // The select shows the role the hub kept.
    expect(within(rowOf('alex')).getByRole('combobox', { name: 'Role of alex' })).toHaveValue('admin');
  });

  it('disables and enables accounts with PATCH {enabled}', async () => {
    const user = userEvent.setup();
    const hub = hubWithAdmins({
      'PATCH /api/v1/admins/olivia': jsonResponse(200, { ...admins[1], enabled: false }),
      'PATCH /api/v1/admins/audrey': jsonResponse(200, { ...admins[2], enabled: true }),
    });
    renderRoutes(adminRoutes, '/admins');
    await screen.findByTestId('admins-table');
    await user.click(within(rowOf('olivia')).getByRole('button', { name: 'Disable' }));
    await waitFor(() => expect(hub.sent('PATCH', '/api/v1/admins/olivia')).toHaveLength(1));
    expect(hub.sent('PATCH', '/api/v1/admins/olivia')[0].body).toEqual({ enabled: false });

    await waitFor(() => expect(within(rowOf('audrey')).getByRole('button', { name: 'Enable' })).toBeEnabled());
    await user.click(within(rowOf('audrey')).getByRole('button', { name: 'Enable' }));
    await waitFor(() => expect(hub.sent('PATCH', '/api/v1/admins/audrey')).toHaveLength(1));
    expect(hub.sent('PATCH', '/api/v1/admins/audrey')[0].body).toEqual({ enabled: true });
  });

  it('resets a password through a dialog that checks length and confirmation', async () => {
    const user = userEvent.setup();
    const hub = hubWithAdmins({ 'PATCH /api/v1/admins/olivia': jsonResponse(200, admins[1]) });
    renderRoutes(adminRoutes, '/admins');
    await screen.findByTestId('admins-table');
    await user.click(within(rowOf('olivia')).getByRole('button', { name: 'Reset password' }));

    const dialog = screen.getByRole('dialog', { name: 'Reset the password of “olivia”' });
    expect(within(dialog).getByLabelText('New password')).toHaveFocus();
    await user.type(within(dialog).getByLabelText('New password'), 'short');
    await user.type(within(dialog).getByLabelText('Confirm password'), 'other');
    await user.click(within(dialog).getByRole('button', { name: 'Set password' }));
    expect(within(dialog).getByLabelText('New password')).toHaveAccessibleDescription('Use at least 12 characters');
    expect(within(dialog).getByLabelText('Confirm password')).toHaveAccessibleDescription('The passwords do not match');
    expect(hub.sent('PATCH', '/api/v1/admins/olivia')).toHaveLength(0);

    await user.clear(within(dialog).getByLabelText('New password'));
    await user.type(within(dialog).getByLabelText('New password'), 'a brand new password');
    await user.clear(within(dialog).getByLabelText('Confirm password'));
    await user.type(within(dialog).getByLabelText('Confirm password'), 'a brand new password');
    await user.click(within(dialog).getByRole('button', { name: 'Set password' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(hub.sent('PATCH', '/api/v1/admins/olivia')[0].body).toEqual({ password: 'a brand new password' });
    expect(screen.getByTestId('flash')).toHaveTextContent('Password of “olivia” reset');
  });

  it('logs the admin out after they reset their own password', async () => {
    const user = userEvent.setup();
    const hub = hubWithAdmins({ 'PATCH /api/v1/admins/tester': jsonResponse(200, admins[0]) });
    const router = renderRoutes([...adminRoutes, { path: '/login', element: <h1>Log in</h1> }], '/admins');
    await screen.findByTestId('admins-table');
    await user.click(within(rowOf('tester')).getByRole('button', { name: 'Reset password' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('you will log in again with the new password');
    await user.type(within(dialog).getByLabelText('New password'), 'my own new password');
    await user.type(within(dialog).getByLabelText('Confirm password'), 'my own new password');
    await user.click(within(dialog).getByRole('button', { name: 'Set password' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(hub.sent('PATCH', '/api/v1/admins/tester')[0].body).toEqual({ password: 'my own new password' });
  });

  it('deletes only after confirmation', async () => {
    const user = userEvent.setup();
    let deleted = false;
    const hub = fakeHub({
      'GET /api/v1/admins': () => jsonResponse(200, deleted ? admins.filter((a) => a.username !== 'olivia') : admins),
      'DELETE /api/v1/admins/olivia': () => {
        deleted = true;
        return new Response(null, { status: 204 });
      },
    });
    renderRoutes(adminRoutes, '/admins');
    await screen.findByTestId('admins-table');

    await user.click(within(rowOf('olivia')).getByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete admin “olivia”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(hub.sent('DELETE', '/api/v1/admins/olivia')).toHaveLength(0);

    await user.click(within(rowOf('olivia')).getByRole('button', { name: 'Delete' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByTestId('flash')).toHaveTextContent('Admin “olivia” deleted.');
    expect(hub.sent('DELETE', '/api/v1/admins/olivia')).toHaveLength(1);
    await waitFor(() => expect(screen.getAllByTestId('admin-row')).toHaveLength(2));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows why the hub refused a delete', async () => {
    const user = userEvent.setup();
    hubWithAdmins({
      'DELETE /api/v1/admins/olivia': problem(404, { title: 'Not found', detail: 'No admin named olivia' }),
    });
    renderRoutes(adminRoutes, '/admins');
    await screen.findByTestId('admins-table');
    await user.click(within(rowOf('olivia')).getByRole('button', { name: 'Delete' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('No admin named olivia');
  });
});

describe('Navigation', () => {
  const withLayout = [{ element: <AppLayout />, children: [...adminRoutes, { path: '/connectors', element: <h1>Connectors</h1> }] }];

  it('shows Admins to the admin role', async () => {
    hubWithAdmins();
    renderRoutes(withLayout, '/connectors', 'admin');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Admins' })).toHaveAttribute('href', '/admins');
  });

  it.each<Role>(['operator', 'auditor'])('hides Admins from the %s role', async (role) => {
    fakeHub({});
    renderRoutes(withLayout, '/connectors', role);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Connectors' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Admins' })).toBeNull();
  });
});
