import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Role } from '../shared/api';
import { AppLayout } from '../shared/layout/AppLayout';
import { fakeHub, type Request } from '../test/fakeHub';
import { jsonResponse } from '../test/fixtures';
import { renderRoutes } from '../test/renderRoutes';
import { userRoutes } from './routes';

const ada = {
  id: '11111111-1111-4111-8111-111111111111',
  userName: 'ada',
  displayName: 'Ada Lovelace',
  email: 'ada@example.com',
  active: true,
  department: 'Engineering',
  updatedAt: '2025-01-02T09:00:00Z',
};
const bob = {
  id: '22222222-2222-4222-8222-222222222222',
  userName: 'bob',
  displayName: null,
  email: null,
  active: false,
  department: null,
  updatedAt: '2025-01-03T09:00:00Z',
};
const carol = { ...ada, id: '33333333-3333-4333-8333-333333333333', userName: 'carol', displayName: 'Carol Shaw', email: 'carol@example.com' };

const query = (request: Request) => new URL(request.path, 'http://hub.test').searchParams;
const listCalls = (requests: Request[]) => requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1/users?'));

/** The hub with two pages of users: ada and bob, then (cursor `page-2`) carol. */
function twoPageHub() {
  return fakeHub({
    'GET /api/v1/users': (request) =>
      query(request).get('cursor') === 'page-2'
        ? jsonResponse(200, { items: [carol], next: null })
        : jsonResponse(200, { items: [ada, bob], next: 'page-2' }),
  });
}

function rowOf(userName: string) {
  return screen.getAllByTestId('user-row').find((row) => row.getAttribute('data-username') === userName)!;
}

describe('Users list', () => {
  it('shows each user with name, email, department and status, 50 a page', async () => {
    const hub = fakeHub({ 'GET /api/v1/users': jsonResponse(200, { items: [ada, bob], next: null }) });
    renderRoutes(userRoutes, '/users');
    await screen.findByTestId('users-table');
    expect(screen.getAllByTestId('user-row')).toHaveLength(2);

    const first = rowOf('ada');
    expect(first).toHaveTextContent('Ada Lovelace');
    expect(first).toHaveTextContent('ada@example.com');
    expect(first).toHaveTextContent('Engineering');
    expect(within(first).getByRole('link', { name: 'ada' })).toHaveAttribute('href', `/users/${ada.id}`);
    expect(within(first).getByTestId('user-status')).toHaveAttribute('data-state', 'active');
    expect(within(rowOf('bob')).getByTestId('user-status')).toHaveAttribute('data-state', 'disabled');

    expect(hub.requests[0].path).toBe('/api/v1/users?limit=50');
    // One page only: no paging buttons.
    expect(screen.queryByRole('button', { name: 'Next page' })).toBeNull();
    expect(screen.getByRole('link', { name: /Add user/ })).toHaveAttribute('href', '/users/new');
  });

  it('searches once typing pauses and filters by status on the hub', async () => {
    const user = userEvent.setup();
    const hub = fakeHub({
      'GET /api/v1/users': (request) => {
        const q = query(request).get('q');
        return jsonResponse(200, { items: q === 'ada' ? [ada] : [ada, bob], next: null });
      },
    });
    renderRoutes(userRoutes, '/users');
    await screen.findByTestId('users-table');

    await user.type(screen.getByTestId('user-search'), 'ada');
    await waitFor(() => expect(screen.getAllByTestId('user-row')).toHaveLength(1));
    const searches = listCalls(hub.requests).map((r) => query(r).get('q'));
    expect(searches).toContain('ada');
    expect(searches).not.toContain('a');
    expect(searches).not.toContain('ad');

    await user.selectOptions(screen.getByLabelText('Status'), 'disabled');
    await waitFor(() => expect(listCalls(hub.requests).at(-1)!.path).toBe('/api/v1/users?q=ada&status=disabled&limit=50'));

    await user.selectOptions(screen.getByLabelText('Status'), 'all');
    await waitFor(() => expect(listCalls(hub.requests).at(-1)!.path).toBe('/api/v1/users?q=ada&limit=50'));
  });

  it('pages with the hub’s cursor: Next sends it, Previous goes back', async () => {
    const user = userEvent.setup();
    const hub = twoPageHub();
    renderRoutes(userRoutes, '/users');
    await screen.findByTestId('users-table');
    expect(screen.getByRole('button', { name: 'Previous page' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(screen.getAllByTestId('user-row').map((r) => r.dataset.username)).toEqual(['carol']));
    expect(listCalls(hub.requests).at(-1)!.path).toBe('/api/v1/users?limit=50&cursor=page-2');
    expect(screen.getByTestId('page-info')).toHaveTextContent('Page 2');
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Previous page' }));
    await waitFor(() => expect(screen.getAllByTestId('user-row').map((r) => r.dataset.username)).toEqual(['ada', 'bob']));
    expect(listCalls(hub.requests).at(-1)!.path).toBe('/api/v1/users?limit=50');
    expect(listCalls(hub.requests)).toHaveLength(3);
    expect(screen.getByTestId('page-info')).toHaveTextContent('Page 1');
  });

  it('starts again at the first page when the search changes', async () => {
    const user = userEvent.setup();
    const hub = twoPageHub();
    renderRoutes(userRoutes, '/users');
    await user.click(await screen.findByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(screen.getByTestId('page-info')).toHaveTextContent('Page 2'));

    await user.type(screen.getByTestId('user-search'), 'o');
    await waitFor(() => expect(listCalls(hub.requests).at(-1)!.path).toBe('/api/v1/users?q=o&limit=50'));
    await waitFor(() => expect(screen.getByTestId('page-info')).toHaveTextContent('Page 1'));
  });

  it('explains an empty directory, and an empty search', async () => {
    const user = userEvent.setup();
    fakeHub({ 'GET /api/v1/users': jsonResponse(200, { items: [], next: null }) });
    renderRoutes(userRoutes, '/users');
    expect(await screen.findByTestId('users-empty')).toHaveTextContent('No users yet');
    await user.type(screen.getByTestId('user-search'), 'zed');
    await waitFor(() => expect(screen.getByTestId('users-empty')).toHaveTextContent('No matching users'));
  });

  it('offers no "Add user" to an auditor', async () => {
    fakeHub({ 'GET /api/v1/users': jsonResponse(200, { items: [ada], next: null }) });
    renderRoutes(userRoutes, '/users', 'auditor');
    await screen.findByTestId('users-table');
    expect(screen.queryByTestId('add-user')).toBeNull();
  });
});

describe('Navigation', () => {
  const withLayout = [{ element: <AppLayout />, children: [...userRoutes, { path: '/connectors', element: <h1>Connectors</h1> }] }];

  it.each<Role>(['admin', 'operator', 'auditor'])('lists the Dashboard, then Users and Groups before Connectors for the %s role', async (role) => {
    fakeHub({});
    renderRoutes(withLayout, '/connectors', role);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    const links = within(nav)
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(links.slice(0, 4)).toEqual(['Dashboard', 'Users', 'Groups', 'Connectors']);
    expect(within(nav).getByRole('link', { name: 'Users' })).toHaveAttribute('href', '/users');
    expect(within(nav).getByRole('link', { name: 'Groups' })).toHaveAttribute('href', '/groups');
  });
});
