import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeHub, type Request } from '../test/fakeHub';
import { jsonResponse, problem } from '../test/fixtures';
import { renderRoutes } from '../test/renderRoutes';
import { groupRoutes } from './routes';

const STAFF = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const staff = { id: STAFF, name: 'Staff', description: 'Everyone employed', memberCount: 2, createdAt: '2025-01-01T09:00:00Z', updatedAt: '2025-01-02T09:00:00Z' };
const sales = { id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc', name: 'Sales', description: null, memberCount: 0 };
const admins = { id: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd', name: 'Admins', description: 'IT', memberCount: 1 };

const ada = { id: '11111111-1111-4111-8111-111111111111', userName: 'ada', displayName: 'Ada Lovelace', email: 'ada@example.com', active: true };
const bob = { id: '22222222-2222-4222-8222-222222222222', userName: 'bob', displayName: null, email: null, active: false };
const carol = { id: '33333333-3333-4333-8333-333333333333', userName: 'carol', displayName: 'Carol Shaw', email: 'carol@example.com', active: true };

const query = (request: Request) => new URL(request.path, 'http://hub.test').searchParams;
const calls = (requests: Request[], prefix: string) => requests.filter((r) => r.method === 'GET' && r.path.startsWith(prefix));
const done = () => new Response(null, { status: 204 });

function memberRow(userName: string) {
  return screen.getAllByTestId('group-member-row').find((row) => row.getAttribute('data-username') === userName)!;
}

describe('Groups list', () => {
  it('shows name, description and member count, and searches by name on the hub', async () => {
    const user = userEvent.setup();
    const hub = fakeHub({
      'GET /api/v1/groups': (request) =>
        jsonResponse(200, { items: query(request).get('q') === 'sa' ? [sales] : [admins, sales, staff], next: null }),
    });
    renderRoutes(groupRoutes, '/groups');
    await screen.findByTestId('groups-table');
    const rows = screen.getAllByTestId('group-row');
    expect(rows).toHaveLength(3);
    expect(within(rows[2]).getByRole('link', { name: 'Staff' })).toHaveAttribute('href', `/groups/${STAFF}`);
    expect(rows[2]).toHaveTextContent('Everyone employed');
    expect(within(rows[2]).getByTestId('group-member-count')).toHaveTextContent('2');
    expect(hub.requests[0].path).toBe('/api/v1/groups?limit=50');

    await user.type(screen.getByTestId('group-search'), 'sa');
    await waitFor(() => expect(screen.getAllByTestId('group-row')).toHaveLength(1));
    expect(calls(hub.requests, '/api/v1/groups?').at(-1)!.path).toBe('/api/v1/groups?q=sa&limit=50');
  });

  it('pages with the hub’s cursor', async () => {
    const user = userEvent.setup();
    const hub = fakeHub({
      'GET /api/v1/groups': (request) =>
        query(request).get('cursor') === 'g2'
          ? jsonResponse(200, { items: [staff], next: null })
          : jsonResponse(200, { items: [admins, sales], next: 'g2' }),
    });
    renderRoutes(groupRoutes, '/groups');
    await user.click(await screen.findByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(screen.getAllByTestId('group-row').map((r) => r.dataset.name)).toEqual(['Staff']));
    expect(calls(hub.requests, '/api/v1/groups?').at(-1)!.path).toBe('/api/v1/groups?limit=50&cursor=g2');

    await user.click(screen.getByRole('button', { name: 'Previous page' }));
    await waitFor(() => expect(screen.getAllByTestId('group-row').map((r) => r.dataset.name)).toEqual(['Admins', 'Sales']));
    expect(calls(hub.requests, '/api/v1/groups?').at(-1)!.path).toBe('/api/v1/groups?limit=50');
  });

  it('shows an empty state', async () => {
    fakeHub({ 'GET /api/v1/groups': jsonResponse(200, { items: [], next: null }) });
    renderRoutes(groupRoutes, '/groups');
    expect(await screen.findByTestId('groups-empty')).toHaveTextContent('No groups yet');
  });

  it('adds a group with its name and description (empty: null) and opens it', async () => {
    const user = userEvent.setup();
    const hub = fakeHub({
      'GET /api/v1/groups': jsonResponse(200, { items: [staff], next: null }),
      'POST /api/v1/groups': jsonResponse(201, sales),
      [`GET /api/v1/groups/${sales.id}`]: jsonResponse(200, sales),
      [`GET /api/v1/groups/${sales.id}/members`]: jsonResponse(200, { items: [], next: null }),
    });
    const router = renderRoutes(groupRoutes, '/groups');
    await user.click(await screen.findByTestId('add-group'));
    const form = screen.getByTestId('add-group-form');
    await user.type(within(form).getByLabelText('Name'), ' Sales ');
    await user.click(within(form).getByRole('button', { name: 'Create group' }));

    await waitFor(() => expect(router.state.location.pathname).toBe(`/groups/${sales.id}`));
    expect(hub.sent('POST', '/api/v1/groups')[0].body).toEqual({ name: 'Sales', description: null });
    expect(await screen.findByTestId('flash')).toHaveTextContent('Group “Sales” created.');
    expect(await screen.findByTestId('group-members-empty')).toBeInTheDocument();
  });

  it('shows the hub’s 409 for a taken name', async () => {
    const user = userEvent.setup();
    fakeHub({
      'GET /api/v1/groups': jsonResponse(200, { items: [staff], next: null }),
      'POST /api/v1/groups': problem(409, { title: 'Conflict', detail: 'A group named Staff already exists' }),
    });
    renderRoutes(groupRoutes, '/groups');
    await user.click(await screen.findByTestId('add-group'));
    const form = screen.getByTestId('add-group-form');
    await user.type(within(form).getByLabelText('Name'), 'staff');
    await user.type(within(form).getByLabelText('Description'), 'Again');
    await user.click(within(form).getByRole('button', { name: 'Create group' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('A group named Staff already exists');
  });

  it('offers no "Add group" to an auditor', async () => {
    fakeHub({ 'GET /api/v1/groups': jsonResponse(200, { items: [staff], next: null }) });
    renderRoutes(groupRoutes, '/groups', 'auditor');
    await screen.findByTestId('groups-table');
    expect(screen.queryByTestId('add-group')).toBeNull();
  });
});

describe('Group detail', () => {
  function hubWithStaff(extra: Parameters<typeof fakeHub>[0] = {}) {
    return fakeHub({
      [`GET /api/v1/groups/${STAFF}`]: jsonResponse(200, staff),
      [`GET /api/v1/groups/${STAFF}/members`]: jsonResponse(200, { items: [ada, bob], next: null }),
      ...extra,
    });
  }

  it('lists the members, 50 a page, with their status', async () => {
    const hub = hubWithStaff();
    renderRoutes(groupRoutes, `/groups/${STAFF}`);
    expect(await screen.findByRole('heading', { name: 'Staff', level: 1 })).toBeInTheDocument();
    await screen.findByTestId('group-members-table');
    expect(within(memberRow('ada')).getByRole('link', { name: 'ada' })).toHaveAttribute('href', `/users/${ada.id}`);
    expect(within(memberRow('bob')).getByTestId('user-status')).toHaveAttribute('data-state', 'disabled');
    expect(hub.sent('GET', `/api/v1/groups/${STAFF}/members?limit=50`)).toHaveLength(1);
    expect(screen.getByLabelText('Name')).toHaveValue('Staff');
    expect(screen.getByLabelText('Description')).toHaveValue('Everyone employed');
  });

  it('pages through the members with the cursor', async () => {
    const user = userEvent.setup();
    const hub = hubWithStaff({
      [`GET /api/v1/groups/${STAFF}/members`]: (request) =>
        query(request).get('cursor') === 'm2'
          ? jsonResponse(200, { items: [carol], next: null })
          : jsonResponse(200, { items: [ada, bob], next: 'm2' }),
    });
    renderRoutes(groupRoutes, `/groups/${STAFF}`);
    await user.click(await screen.findByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(screen.getAllByTestId('group-member-row')).toHaveLength(1));
    expect(hub.sent('GET', `/api/v1/groups/${STAFF}/members?limit=50&cursor=m2`)).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Previous page' }));
    await waitFor(() => expect(screen.getAllByTestId('group-member-row')).toHaveLength(2));
  });

  it('removes a member with DELETE …/members/<user>', async () => {
    const user = userEvent.setup();
    let removed = false;
    const hub = hubWithStaff({
      [`GET /api/v1/groups/${STAFF}/members`]: () => jsonResponse(200, { items: removed ? [ada] : [ada, bob], next: null }),
      [`DELETE /api/v1/groups/${STAFF}/members/${bob.id}`]: () => {
        removed = true;
        return done();
      },
    });
    renderRoutes(groupRoutes, `/groups/${STAFF}`);
    await screen.findByTestId('group-members-table');
    await user.click(within(memberRow('bob')).getByRole('button', { name: 'Remove bob from the group' }));
    await waitFor(() => expect(hub.sent('DELETE', `/api/v1/groups/${STAFF}/members/${bob.id}`)).toHaveLength(1));
    await waitFor(() => expect(screen.getAllByTestId('group-member-row')).toHaveLength(1));
    expect(screen.getByTestId('flash')).toHaveTextContent('“bob” removed from the group.');
  });

  it('adds a member found by a user search with PUT …/members/<user>', async () => {
    const user = userEvent.setup();
    let added = false;
    const hub = hubWithStaff({
      [`GET /api/v1/groups/${STAFF}/members`]: () => jsonResponse(200, { items: added ? [ada, bob, carol] : [ada, bob], next: null }),
      'GET /api/v1/users': jsonResponse(200, { items: [ada, carol], next: null }),
      [`PUT /api/v1/groups/${STAFF}/members/${carol.id}`]: () => {
        added = true;
        return done();
      },
    });
    renderRoutes(groupRoutes, `/groups/${STAFF}`);
    await screen.findByTestId('group-members-table');
    await user.type(screen.getByLabelText('Add member'), 'a');
    await user.click(await screen.findByRole('button', { name: /carol/ }));
    expect(hub.sent('GET', '/api/v1/users?q=a&limit=10')).toHaveLength(1);
    await waitFor(() => expect(hub.sent('PUT', `/api/v1/groups/${STAFF}/members/${carol.id}`)).toHaveLength(1));
    expect(hub.sent('PUT', `/api/v1/groups/${STAFF}/members/${carol.id}`)[0].body).toBeUndefined();
    await waitFor(() => expect(screen.getAllByTestId('group-member-row')).toHaveLength(3));
    expect(screen.getByTestId('flash')).toHaveTextContent('“carol” added to the group.');
  });

  it('renames the group with PUT {name, description}', async () => {
    const user = userEvent.setup();
    const hub = hubWithStaff({ [`PUT /api/v1/groups/${STAFF}`]: jsonResponse(200, { ...staff, name: 'Employees', description: null }) });
    renderRoutes(groupRoutes, `/groups/${STAFF}`);
    const name = await screen.findByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Employees');
    await user.clear(screen.getByLabelText('Description'));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(hub.sent('PUT', `/api/v1/groups/${STAFF}`)).toHaveLength(1));
    expect(hub.sent('PUT', `/api/v1/groups/${STAFF}`)[0].body).toEqual({ name: 'Employees', description: null });
    expect(await screen.findByText('Changes saved.')).toBeInTheDocument();
  });

  it('deletes the group only after confirmation', async () => {
    const user = userEvent.setup();
    const hub = hubWithStaff({
      [`DELETE /api/v1/groups/${STAFF}`]: done(),
      'GET /api/v1/groups': jsonResponse(200, { items: [], next: null }),
    });
    const router = renderRoutes(groupRoutes, `/groups/${STAFF}`);
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete group “Staff”?' });
    expect(dialog).toHaveTextContent('its members stay');
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/groups'));
    expect(hub.sent('DELETE', `/api/v1/groups/${STAFF}`)).toHaveLength(1);
    expect(await screen.findByTestId('flash')).toHaveTextContent('Group “Staff” deleted.');
  });

  it('shows an auditor the members but no button that changes anything', async () => {
    const hub = hubWithStaff();
    renderRoutes(groupRoutes, `/groups/${STAFF}`, 'auditor');
    await screen.findByTestId('group-members-table');
    expect(screen.queryByRole('button', { name: /Delete|Remove|Save/ })).toBeNull();
    expect(screen.queryByTestId('member-picker')).toBeNull();
    expect(screen.getByLabelText('Name')).toBeDisabled();
    expect(hub.requests.every((r) => r.method === 'GET')).toBe(true);
  });
});
