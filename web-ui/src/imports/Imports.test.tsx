import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectorRoutes } from '../connectors/routes';
import { fakeHub } from '../test/fakeHub';
import { jsonResponse, ldapType, problem } from '../test/fixtures';
import { renderRoutes } from '../test/renderRoutes';
import { IMPORT_POLL_MS } from './ImportProgress';
import type { ImportRun } from './importsApi';

const ID = '0b6c6f1e-8a57-4a43-9d7e-3f1f0c1e2a10';
const RUN = '5d2c1b0a-0000-4000-8000-000000000001';
const OLD_RUN = '5d2c1b0a-0000-4000-8000-000000000002';

const connector = {
  id: ID,
  name: 'Head office AD',
  type: 'ldap',
  enabled: true,
  settings: { urls: ['ldaps://dc1.example.com'], bindDn: 'cn=svc,dc=example,dc=com', userBaseDn: 'ou=people,dc=example,dc=com' },
  secretsSet: ['bindPassword'],
  status: { state: 'running', since: '2025-01-01T10:00:00Z', lastError: null },
  provisioning: { direction: 'source', operations: [], correlation: 'userName' },
  capabilities: ['IMPORT_USERS', 'WATCH'],
  schedule: null,
};

function run(fields: Partial<ImportRun> = {}): ImportRun {
  return {
    id: RUN,
    connectorId: ID,
    trigger: 'manual',
    startedBy: 'alice',
    status: 'running',
    phase: 'users',
    read: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    expected: 200,
    error: null,
    failures: [],
    startedAt: '2025-03-01T10:00:00Z',
    finishedAt: null,
    ...fields,
  };
}

const finishedRun = run({
  id: OLD_RUN,
  trigger: 'schedule',
  startedBy: null,
  status: 'succeeded',
  phase: 'done',
  read: 180,
  created: 2,
  updated: 5,
  unchanged: 171,
  failed: 2,
  failures: [
    { externalId: 'CN=Bob,OU=People', name: 'Bob', reason: 'No user name' },
    { externalId: 'CN=Eve,OU=People', name: null, reason: 'User name taken by another account' },
  ],
  startedAt: '2025-02-28T02:00:00Z',
  finishedAt: '2025-02-28T02:03:20Z',
});

type Routes = Parameters<typeof fakeHub>[0];

function hubWithConnector(routes: Routes = {}, fields: object = {}) {
  return fakeHub({
    [`GET /api/v1/connectors/${ID}`]: jsonResponse(200, { ...connector, ...fields }),
    'GET /api/v1/connector-types': jsonResponse(200, [ldapType]),
    [`GET /api/v1/connectors/${ID}/imports`]: jsonResponse(200, []),
    ...routes,
  });
}

const polls = (hub: ReturnType<typeof fakeHub>) => hub.sent('GET', `/api/v1/imports/${RUN}`).length;

describe('Imports', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2025-03-01T10:00:30Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const setupUser = () => userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
  const nextPoll = () => act(() => vi.advanceTimersByTimeAsync(IMPORT_POLL_MS));

  it('starts an import, shows its progress every second, then lists how it went', async () => {
    const user = setupUser();
    const done = run({ status: 'succeeded', phase: 'done', read: 200, created: 4, updated: 2, unchanged: 193, failed: 1, finishedAt: '2025-03-01T10:01:05Z' });
    const stages = [
      run({ read: 80, created: 3, updated: 1, unchanged: 76 }),
      run({ phase: 'groups', read: 200, created: 4, updated: 2, unchanged: 193, failed: 1 }),
      done,
    ];
    /** What the hub says about the run: the test moves it on. */
    let stage = 0;
    const hub = hubWithConnector({
      [`POST /api/v1/connectors/${ID}/imports`]: () => jsonResponse(202, run()),
      [`GET /api/v1/imports/${RUN}`]: () => jsonResponse(200, stages[stage]),
      [`GET /api/v1/connectors/${ID}/imports`]: () => jsonResponse(200, stage === 2 ? [done, finishedRun] : [finishedRun]),
    });
    renderRoutes(connectorRoutes, `/connectors/${ID}`);
    expect(await screen.findAllByTestId('import-row')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Import now' }));

    const progress = await screen.findByTestId('import-progress');
    await waitFor(() => expect(within(progress).getByTestId('import-percent')).toHaveTextContent('40%'));
    expect(within(progress).getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute('value', '40');
    expect(within(progress).getByTestId('import-phase')).toHaveTextContent('Reading users…');
    expect(within(progress).getByTestId('import-counters')).toHaveTextContent('Read80Created3Updated1Unchanged76Failed0');
    expect(screen.getByRole('button', { name: 'Import now' })).toBeDisabled();

    stage = 1;
    const before = polls(hub);
    await nextPoll();
    await waitFor(() => expect(within(progress).getByTestId('import-percent')).toHaveTextContent('100%'));
    expect(within(progress).getByTestId('import-phase')).toHaveTextContent('Reading groups…');
    expect(polls(hub)).toBeGreaterThan(before);

    stage = 2;
    await nextPoll();
    await waitFor(() => expect(screen.queryByTestId('import-progress')).toBeNull());
    await waitFor(() => expect(screen.getAllByTestId('import-row')).toHaveLength(2));
    const newest = screen.getAllByTestId('import-row')[0];
    expect(within(newest).getByTestId('import-status')).toHaveAttribute('data-state', 'succeeded');
    expect(within(newest).getByTestId('import-trigger')).toHaveTextContent('By handalice');
    expect(newest).toHaveTextContent('1 min 5 s');
    expect(screen.getByRole('button', { name: 'Import now' })).toBeEnabled();

    // Finished: no more polling.
    const asked = polls(hub);
    await nextPoll();
    await nextPoll();
    expect(polls(hub)).toBe(asked);
  });

  it('shows a bar without a percentage when no earlier run tells how many to expect', async () => {
    hubWithConnector({
      [`GET /api/v1/connectors/${ID}/imports`]: jsonResponse(200, [run({ expected: null, read: 80, trigger: 'schedule', startedBy: null })]),
      [`GET /api/v1/imports/${RUN}`]: jsonResponse(200, run({ expected: null, read: 95 })),
    });
    renderRoutes(connectorRoutes, `/connectors/${ID}`);
    const progress = await screen.findByTestId('import-progress');
    await waitFor(() => expect(within(progress).getByTestId('import-percent')).toHaveTextContent('95 read so far'));
    expect(within(progress).getByRole('progressbar', { name: 'Import progress' })).not.toHaveAttribute('value');
  });

  it('says in words why the hub would not start an import', async () => {
    const user = setupUser();
    hubWithConnector({
      [`POST /api/v1/connectors/${ID}/imports`]: problem(409, { title: 'Conflict', detail: 'The connector is not running: start it first.' }),
    });
    renderRoutes(connectorRoutes, `/connectors/${ID}`);
    await user.click(await screen.findByRole('button', { name: 'Import now' }));
    const card = screen.getByTestId('connector-imports');
    expect(await within(card).findByRole('alert')).toHaveTextContent('The connector is not running: start it first.');
    expect(screen.queryByTestId('import-progress')).toBeNull();
    expect(within(card).getByRole('button', { name: 'Import now' })).toBeEnabled();
  });

  it('follows a run started elsewhere, and cancels it', async () => {
    const user = setupUser();
    /** Whether the hub has stopped the run: the test says when. */
    let stopped = false;
    const hub = hubWithConnector({
      [`GET /api/v1/connectors/${ID}/imports`]: () => jsonResponse(200, [stopped ? run({ status: 'cancelled', read: 120 }) : run({ read: 100 }), finishedRun]),
      [`GET /api/v1/imports/${RUN}`]: () => jsonResponse(200, stopped ? run({ status: 'cancelled', read: 120, finishedAt: '2025-03-01T10:00:40Z' }) : run({ read: 110 })),
      [`POST /api/v1/imports/${RUN}/cancel`]: () => jsonResponse(202, run({ read: 115 })),
    });
    renderRoutes(connectorRoutes, `/connectors/${ID}`);
    const progress = await screen.findByTestId('import-progress');
    await waitFor(() => expect(within(progress).getByTestId('import-counters')).toHaveTextContent('Read110'));

    await user.click(within(progress).getByRole('button', { name: 'Cancel import' }));
    await waitFor(() => expect(hub.sent('POST', `/api/v1/imports/${RUN}/cancel`)).toHaveLength(1));
    expect(await within(progress).findByRole('button', { name: 'Cancelling…' })).toBeDisabled();
    expect(within(progress).getByText('The import stops after the page it is reading.')).toBeInTheDocument();

    stopped = true;
    await nextPoll();
    await waitFor(() => expect(screen.queryByTestId('import-progress')).toBeNull());
    await waitFor(() => expect(within(screen.getAllByTestId('import-row')[0]).getByTestId('import-status')).toHaveAttribute('data-state', 'cancelled'));
  });

  it('lists the last runs with trigger, who started them, status, counters and duration; failures open on request', async () => {
    const user = setupUser();
    const failedRun = run({
      id: '5d2c1b0a-0000-4000-8000-000000000003',
      status: 'failed',
      read: 20,
      created: 20,
      error: 'Connection reset by dc1.example.com',
      startedAt: '2025-02-27T09:00:00Z',
      finishedAt: '2025-02-27T09:00:45Z',
    });
    hubWithConnector({ [`GET /api/v1/connectors/${ID}/imports`]: jsonResponse(200, [finishedRun, failedRun]) });
    renderRoutes(connectorRoutes, `/connectors/${ID}`);
    const [scheduled, failed] = await screen.findAllByTestId('import-row');

    expect(within(scheduled).getByTestId('import-trigger')).toHaveTextContent(/^Scheduled$/);
    expect(within(scheduled).getByTestId('import-status')).toHaveTextContent('Succeeded');
    expect([...scheduled.querySelectorAll('[data-counter]')].map((cell) => cell.textContent)).toEqual(['180', '2', '5', '171', '2']);
    expect(scheduled).toHaveTextContent('3 min 20 s');

    expect(within(failed).getByTestId('import-status')).toHaveTextContent('Failed');
    expect(within(failed).getByTestId('import-trigger')).toHaveTextContent('By handalice');
    expect(screen.getByTestId('import-error')).toHaveTextContent('Connection reset by dc1.example.com');
    expect(within(failed).queryByRole('button', { name: /failures/ })).toBeNull();

    expect(screen.queryByTestId('import-failures')).toBeNull();
    const toggle = within(scheduled).getByRole('button', { name: 'Show failures (2)' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const failures = within(screen.getByTestId('import-failures')).getAllByTestId('import-failure');
    expect(failures.map((f) => [...f.querySelectorAll('td')].map((td) => td.textContent))).toEqual([
      ['CN=Bob,OU=People', 'Bob', 'No user name'],
      ['CN=Eve,OU=People', '—', 'User name taken by another account'],
    ]);
    await user.click(within(scheduled).getByRole('button', { name: 'Hide failures' }));
    expect(screen.queryByTestId('import-failures')).toBeNull();
  });

  it('offers no import when the connector’s type cannot import users', async () => {
    hubWithConnector({}, { capabilities: ['CREATE_USER'] });
    renderRoutes(connectorRoutes, `/connectors/${ID}`);
    expect(await screen.findByTestId('imports-empty')).toHaveTextContent('this connector’s type does not import users');
    expect(screen.queryByRole('button', { name: 'Import now' })).toBeNull();
    expect(screen.queryByTestId('import-schedule')).toBeNull();
  });

  const daily = { preset: 'daily', cron: '0 2 * * *', nextRunAt: '2025-03-02T02:00:00Z', lastRunAt: null, lastRunId: null };
  const runningRoutes = () => ({
    [`GET /api/v1/connectors/${ID}/imports`]: jsonResponse(200, [run({ read: 10 })]),
    [`GET /api/v1/imports/${RUN}`]: jsonResponse(200, run({ read: 10 })),
  });

  it('lets an operator import and cancel, but not change the schedule', async () => {
    hubWithConnector(runningRoutes(), { schedule: daily });
    renderRoutes(connectorRoutes, `/connectors/${ID}`, 'operator');
    expect(await screen.findByRole('button', { name: 'Cancel import' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import now' })).toBeInTheDocument();
    expect(screen.getByTestId('schedule-preset-label')).toHaveTextContent('Every day at 02:00 UTC');
    expect(screen.queryByRole('form', { name: 'Import schedule' })).toBeNull();
  });

  it('shows an auditor the running import and the schedule without any button', async () => {
    const hub = hubWithConnector(runningRoutes(), { schedule: daily });
    renderRoutes(connectorRoutes, `/connectors/${ID}`, 'auditor');
    expect(await screen.findByTestId('import-progress')).toBeInTheDocument();
    expect(screen.getByTestId('schedule-preset-label')).toHaveTextContent('Every day at 02:00 UTC');
    for (const name of ['Import now', 'Cancel import', 'Set schedule', 'Save schedule', 'Remove schedule']) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
    expect(hub.requests.every((r) => r.method === 'GET')).toBe(true);
  });
});

describe('Import schedule', () => {
  const schedule = {
    preset: 'cron',
    cron: '30 3 * * 1-5',
    nextRunAt: '2025-03-03T03:30:00Z',
    lastRunAt: '2025-02-28T02:00:00Z',
    lastRunId: OLD_RUN,
  };

  it('shows the schedule, its next run and a link that opens its last run in the history', async () => {
    const user = userEvent.setup();
    hubWithConnector({ [`GET /api/v1/connectors/${ID}/imports`]: jsonResponse(200, [finishedRun]) }, { schedule });
    const router = renderRoutes(connectorRoutes, `/connectors/${ID}`);
    const card = await screen.findByTestId('import-schedule');
    expect(within(card).getByTestId('schedule-preset-label')).toHaveTextContent('On a cron schedule');
    expect(within(card).getByTestId('schedule-cron-value')).toHaveTextContent('30 3 * * 1-5');
    expect(within(card).getByTestId('schedule-next-run')).toHaveTextContent('2025');
    // The form starts from the saved schedule.
    expect(within(card).getByLabelText('Import')).toHaveValue('cron');
    expect(within(card).getByLabelText('Cron expression')).toHaveValue('30 3 * * 1-5');

    const row = await screen.findByTestId('import-row');
    expect(row).not.toHaveAttribute('aria-current');
    await user.click(within(within(card).getByTestId('schedule-last-run')).getByRole('link'));
    expect(router.state.location.hash).toBe(`#import-run-${OLD_RUN}`);
    expect(row).toHaveAttribute('aria-current', 'true');
    expect(within(screen.getByTestId('import-failures')).getAllByTestId('import-failure')).toHaveLength(2);
  });

  it('sets a daily schedule with PUT and shows it', async () => {
    const user = userEvent.setup();
    const daily = { preset: 'daily', cron: '0 2 * * *', nextRunAt: '2025-03-02T02:00:00Z', lastRunAt: null, lastRunId: null };
    let saved: object | null = null;
    const hub = hubWithConnector({
      [`GET /api/v1/connectors/${ID}`]: () => jsonResponse(200, { ...connector, schedule: saved }),
      [`PUT /api/v1/connectors/${ID}/schedule`]: () => {
        saved = daily;
        return jsonResponse(200, daily);
      },
    });
    renderRoutes(connectorRoutes, `/connectors/${ID}`);
    const card = await screen.findByTestId('import-schedule');
    expect(within(card).getByTestId('schedule-none')).toHaveTextContent('Not scheduled');
    expect(within(card).queryByRole('button', { name: 'Remove schedule' })).toBeNull();
    expect(within(card).queryByLabelText('Cron expression')).toBeNull();

    await user.selectOptions(within(card).getByLabelText('Import'), 'Every day at 02:00 UTC');
    await user.click(within(card).getByRole('button', { name: 'Set schedule' }));

    expect(await within(card).findByText('Schedule saved.')).toBeInTheDocument();
    expect(hub.sent('PUT', `/api/v1/connectors/${ID}/schedule`)[0].body).toEqual({ preset: 'daily' });
    expect(within(card).getByTestId('schedule-preset-label')).toHaveTextContent('Every day at 02:00 UTC');
    expect(within(card).getByTestId('schedule-last-run')).toHaveTextContent('Not yet');
    expect(within(card).getByRole('button', { name: 'Save schedule' })).toBeInTheDocument();
  });

  it('asks for a cron expression, and shows the hub’s 422 at the cron field', async () => {
    const user = userEvent.setup();
    const hub = hubWithConnector({
      [`PUT /api/v1/connectors/${ID}/schedule`]: problem(422, {
        title: 'Invalid schedule',
        detail: 'The schedule is not valid.',
        errors: [{ field: '/cron', message: 'needs five fields: minute hour day-of-month month day-of-week' }],
      }),
    });
    renderRoutes(connectorRoutes, `/connectors/${ID}`);
    const card = await screen.findByTestId('import-schedule');
    await user.selectOptions(within(card).getByLabelText('Import'), 'cron');
    await user.click(within(card).getByRole('button', { name: 'Set schedule' }));
    expect(within(card).getByLabelText('Cron expression')).toHaveAccessibleDescription('Enter a cron expression');
    expect(hub.sent('PUT', `/api/v1/connectors/${ID}/schedule`)).toHaveLength(0);

    await user.type(within(card).getByLabelText('Cron expression'), ' every day ');
    await user.click(within(card).getByRole('button', { name: 'Set schedule' }));
    expect(await within(card).findByRole('alert')).toHaveTextContent('The schedule is not valid.');
    expect(within(card).getByLabelText('Cron expression')).toHaveAccessibleDescription('needs five fields: minute hour day-of-month month day-of-week');
    expect(hub.sent('PUT', `/api/v1/connectors/${ID}/schedule`)[0].body).toEqual({ preset: 'cron', cron: 'every day' });
  });

  it('removes the schedule with DELETE', async () => {
    const user = userEvent.setup();
    let current: object | null = schedule;
    const hub = hubWithConnector({
      [`GET /api/v1/connectors/${ID}`]: () => jsonResponse(200, { ...connector, schedule: current }),
      [`DELETE /api/v1/connectors/${ID}/schedule`]: () => {
        current = null;
        return new Response(null, { status: 204 });
      },
    });
    renderRoutes(connectorRoutes, `/connectors/${ID}`);
    const card = await screen.findByTestId('import-schedule');
    await user.click(await within(card).findByRole('button', { name: 'Remove schedule' }));
    expect(await within(card).findByTestId('schedule-none')).toBeInTheDocument();
    expect(hub.sent('DELETE', `/api/v1/connectors/${ID}/schedule`)).toHaveLength(1);
    expect(within(card).getByRole('status')).toHaveTextContent('Schedule removed');
  });
});
