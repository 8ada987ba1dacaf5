import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Role } from '../shared/api';
import { AppLayout } from '../shared/layout/AppLayout';
import { fakeHub, type Request } from '../test/fakeHub';
import { emptyPage, jsonResponse, problem } from '../test/fixtures';
import { renderRoutes } from '../test/renderRoutes';
import type { ProvisioningTask } from './provisioningApi';
import { provisioningRoutes } from './routes';

const AD = '0b6c6f1e-8a57-4a43-9d7e-3f1f0c1e2a10';
const GW = '7c1d2e3f-0000-4000-8000-00000000aaaa';
const ADA = '11111111-1111-4111-8111-111111111111';

const connectors = [
  { id: AD, name: 'Head office AD', type: 'ldap', enabled: true, settings: {}, secretsSet: [], status: { state: 'running' } },
  { id: GW, name: 'Google Workspace', type: 'google', enabled: true, settings: {}, secretsSet: [], status: { state: 'running' } },
];

function task(fields: Partial<ProvisioningTask>): ProvisioningTask {
  return {
    id: 1,
    connectorId: AD,
    connectorName: 'Head office AD',
    userId: ADA,
    groupId: null,
    subject: 'ada',
    operation: 'create',
    status: 'succeeded',
    attempts: 1,
    lastError: null,
    nextAttemptAt: null,
    createdAt: '2025-03-01T10:00:00Z',
    finishedAt: '2025-03-01T10:00:02Z',
    ...fields,
  };
}

const failed = task({
  id: 7,
  connectorId: GW,
  connectorName: 'Google Workspace',
  subject: 'ada → Staff',
  groupId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  operation: 'add_member',
  status: 'failed',
  attempts: 5,
  lastError: 'Group not found in Google Workspace',
  finishedAt: '2025-03-01T11:00:00Z',
});
const retrying = task({
  id: 6,
  userId: null,
  subject: 'old-account',
  operation: 'disable',
  status: 'retrying',
  attempts: 2,
  lastError: 'Connection refused',
  nextAttemptAt: '2025-03-01T10:05:00Z',
});
const created = task({ id: 5 });

const query = (request: Request) => new URL(request.path, 'http://hub.test').searchParams;
const listCalls = (requests: Request[]) => requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1/provisioning'));

function hubWithLog(extra: Parameters<typeof fakeHub>[0] = {}) {
  return fakeHub({
    'GET /api/v1/provisioning': jsonResponse(200, { items: [failed, retrying, created], next: null }),
    'GET /api/v1/connectors': jsonResponse(200, connectors),
    ...extra,
  });
}

function rowOf(taskId: number) {
  return screen.getAllByTestId('provisioning-row').find((row) => row.dataset.taskId === String(taskId))!;
}

const cells = (row: HTMLElement) => [...row.querySelectorAll('td')].map((td) => td.textContent);

describe('Provisioning log', () => {
  it('shows each task: time, connector, subject, operation, status, attempts, last error, next attempt', async () => {
    const hub = hubWithLog();
    renderRoutes(provisioningRoutes, '/provisioning');
    await screen.findByTestId('provisioning-table');
    expect(listCalls(hub.requests).map((r) => r.path)).toEqual(['/api/v1/provisioning?limit=50']);
    expect(screen.getAllByTestId('provisioning-row').map((r) => r.dataset.taskId)).toEqual(['7', '6', '5']);

    const groupTask = rowOf(7);
    expect(within(groupTask).getByRole('link', { name: 'Google Workspace' })).toHaveAttribute('href', `/connectors/${GW}`);
    expect(within(groupTask).getByRole('link', { name: 'ada → Staff' })).toHaveAttribute('href', `/users/${ADA}`);
    expect(within(groupTask).getByTestId('task-status')).toHaveAttribute('data-state', 'failed');
    expect(cells(groupTask).slice(3, 8)).toEqual(['Add to group', 'Failed', '5', 'Group not found in Google Workspace', '—']);

    const disable = rowOf(6);
    expect(cells(disable).slice(2, 6)).toEqual(['old-account', 'Disable', 'Retrying', '2']);
    expect(within(disable).queryByRole('link', { name: 'old-account' })).toBeNull();
    expect(cells(disable)[7]).toMatch(/2025/);

    // Only a failed task can be retried.
    expect(within(groupTask).getByRole('button', { name: /Retry/ })).toBeEnabled();
    expect(within(disable).queryByRole('button', { name: /Retry/ })).toBeNull();
    expect(within(rowOf(5)).queryByRole('button', { name: /Retry/ })).toBeNull();
  });

  it('filters by status and connector on the hub, keeping the filters in the URL', async () => {
    const user = userEvent.setup();
    const hub = hubWithLog();
    const router = renderRoutes(provisioningRoutes, '/provisioning');
    await screen.findByTestId('provisioning-table');
    const connectorFilter = screen.getByLabelText('Connector');
    await waitFor(() => expect(within(connectorFilter).getAllByRole('option').map((o) => o.textContent)).toEqual(['All connectors', 'Head office AD', 'Google Workspace']));

    await user.selectOptions(screen.getByLabelText('Status'), 'Failed');
    await waitFor(() => expect(listCalls(hub.requests).at(-1)!.path).toBe('/api/v1/provisioning?status=failed&limit=50'));
    await user.selectOptions(connectorFilter, 'Google Workspace');
    await waitFor(() => expect(listCalls(hub.requests).at(-1)!.path).toBe(`/api/v1/provisioning?connector=${GW}&status=failed&limit=50`));
    expect(router.state.location.search).toBe(`?status=failed&connector=${GW}`);

    await user.click(screen.getByRole('button', { name: 'Clear' }));
    await waitFor(() => expect(listCalls(hub.requests).at(-1)!.path).toBe('/api/v1/provisioning?limit=50'));
    expect(screen.getByLabelText('Status')).toHaveValue('');
  });

  it('shows one user’s tasks when the URL names the user', async () => {
    const user = userEvent.setup();
    const hub = hubWithLog({
      [`GET /api/v1/users/${ADA}`]: jsonResponse(200, { id: ADA, userName: 'ada', displayName: 'Ada Lovelace', active: true }),
    });
    renderRoutes(provisioningRoutes, `/provisioning?user=${ADA}`);
    await screen.findByTestId('provisioning-table');
    expect(listCalls(hub.requests)[0].path).toBe(`/api/v1/provisioning?user=${ADA}&limit=50`);
    const chip = screen.getByTestId('user-filter');
    expect(await within(chip).findByRole('link', { name: 'Ada Lovelace (ada)' })).toHaveAttribute('href', `/users/${ADA}`);

    await user.click(within(chip).getByRole('button', { name: 'All users' }));
    await waitFor(() => expect(listCalls(hub.requests).at(-1)!.path).toBe('/api/v1/provisioning?limit=50'));
    expect(screen.queryByTestId('user-filter')).toBeNull();
  });

  it('pages with the hub’s cursor', async () => {
    const user = userEvent.setup();
    const hub = hubWithLog({
      'GET /api/v1/provisioning': (request) =>
        query(request).get('cursor') === 'older'
          ? jsonResponse(200, { items: [created], next: null })
          : jsonResponse(200, { items: [failed, retrying], next: 'older' }),
    });
    renderRoutes(provisioningRoutes, '/provisioning');
    await user.click(await screen.findByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(screen.getAllByTestId('provisioning-row').map((r) => r.dataset.taskId)).toEqual(['5']));
    expect(listCalls(hub.requests).at(-1)!.path).toBe('/api/v1/provisioning?limit=50&cursor=older');
    expect(screen.getByTestId('page-info')).toHaveTextContent('Page 2 · 1 task');
  });

  it('retries a failed task and loads the log again', async () => {
    const user = userEvent.setup();
    let retried = false;
    const hub = hubWithLog({
      'GET /api/v1/provisioning': () =>
        jsonResponse(200, { items: [retried ? { ...failed, status: 'pending', lastError: null } : failed, created], next: null }),
      'POST /api/v1/provisioning/7/retry': () => {
        retried = true;
        return jsonResponse(202, { ...failed, status: 'pending' });
      },
    });
    renderRoutes(provisioningRoutes, '/provisioning');
    await screen.findByTestId('provisioning-table');
    await user.click(within(rowOf(7)).getByRole('button', { name: 'Retry: Add to group ada → Staff' }));

    expect(await screen.findByTestId('flash')).toHaveTextContent('Queued again: add to group “ada → Staff” in Google Workspace.');
    expect(hub.sent('POST', '/api/v1/provisioning/7/retry')).toHaveLength(1);
    await waitFor(() => expect(within(rowOf(7)).getByTestId('task-status')).toHaveAttribute('data-state', 'pending'));
    expect(within(rowOf(7)).queryByRole('button', { name: /Retry/ })).toBeNull();
  });

  it('says why a retry was refused', async () => {
    const user = userEvent.setup();
    hubWithLog({ 'POST /api/v1/provisioning/7/retry': problem(409, { title: 'Conflict', detail: 'The task is already queued again.' }) });
    renderRoutes(provisioningRoutes, '/provisioning');
    await user.click(within(await screen.findByTestId('provisioning-table')).getByRole('button', { name: /Retry/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The task is already queued again.');
  });

  it('explains an empty log, and an empty filter', async () => {
    const user = userEvent.setup();
    fakeHub({ 'GET /api/v1/provisioning': emptyPage(), 'GET /api/v1/connectors': jsonResponse(200, connectors) });
    renderRoutes(provisioningRoutes, '/provisioning');
    expect(await screen.findByTestId('provisioning-empty')).toHaveTextContent('Nothing provisioned yet');
    await user.selectOptions(screen.getByLabelText('Status'), 'Skipped');
    await waitFor(() => expect(screen.getByTestId('provisioning-empty')).toHaveTextContent('No matching tasks'));
  });

  it('offers no Retry to an auditor', async () => {
    const hub = hubWithLog();
    renderRoutes(provisioningRoutes, '/provisioning', 'auditor');
    await screen.findByTestId('provisioning-table');
    expect(screen.queryByRole('button', { name: /Retry/ })).toBeNull();
    expect(hub.requests.every((r) => r.method === 'GET')).toBe(true);
  });
});

describe('Navigation to the provisioning log', () => {
  const withLayout = [{ element: <AppLayout />, children: provisioningRoutes }];

  it.each<Role>(['admin', 'operator', 'auditor'])('is offered after Connectors to the %s role', async (role) => {
    hubWithLog();
    renderRoutes(withLayout, '/provisioning', role);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    const links = within(nav)
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(links.slice(3, 5)).toEqual(['Connectors', 'Provisioning']);
    expect(within(nav).getByRole('link', { name: 'Provisioning' })).toHaveAttribute('href', '/provisioning');
    expect(await screen.findByRole('heading', { name: 'Provisioning', level: 1 })).toBeInTheDocument();
  });
});
