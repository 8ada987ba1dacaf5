import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Role } from '../shared/api';
import { fakeHub, type Request } from '../test/fakeHub';
import { emptyPage, jsonResponse, problem } from '../test/fixtures';
import { renderRoutes } from '../test/renderRoutes';
import { webhookRoutes } from './routes';
import { delivery, HOOK, webhook } from './webhookFixtures';
import type { WebhookDelivery } from './webhooksApi';

const BASE = `/api/v1/webhooks/${HOOK}`;
const exhausted = delivery({ id: 3, eventId: '103', eventType: 'user.disabled', status: 'exhausted', attempts: 8, lastStatusCode: 503, deliveredAt: null });
const pending = delivery({ id: 2, eventId: '102', status: 'pending', attempts: 1, lastStatusCode: null, lastError: 'Connection refused', nextAttemptAt: '2025-03-01T10:05:00Z', deliveredAt: null });
const done = delivery({ id: 1 });

const query = (request: Request) => new URL(request.path, 'http://hub.test').searchParams;
const listCalls = (requests: Request[]) => requests.filter((r) => r.method === 'GET' && r.path.startsWith(`${BASE}/deliveries?`));

function hubWithWebhook(extra: Parameters<typeof fakeHub>[0] = {}, deliveries: WebhookDelivery[] = [exhausted, pending, done]) {
  return fakeHub({
    [`GET ${BASE}`]: jsonResponse(200, webhook()),
    [`GET ${BASE}/deliveries`]: (request) => jsonResponse(200, { items: deliveries.filter((d) => !query(request).get('status') || d.status === query(request).get('status')), next: null }),
    ...extra,
  });
}

async function openPage(role: Role = 'admin') {
  const router = renderRoutes(webhookRoutes, `/webhooks/${HOOK}`, role);
  await screen.findByRole('heading', { name: 'https://hooks.example.com/slx', level: 1 });
  return router;
}

const rowOf = (id: number) => screen.getAllByTestId('delivery-row').find((row) => row.dataset.deliveryId === String(id))!;

describe('Webhook page', () => {
  it('shows the settings and the delivery health, and saves changes', async () => {
    const user = userEvent.setup();
    const hub = hubWithWebhook({ [`PATCH ${BASE}`]: jsonResponse(200, webhook({ url: 'https://hooks.example.com/v2' })) });
    await openPage();
    const summary = screen.getByTestId('webhook-summary');
    expect(within(summary).getByTestId('webhook-state')).toHaveTextContent('Enabled');
    expect(summary.querySelector('[data-health="exhausted"]')).toHaveTextContent('1');
    expect(summary.querySelector('[data-health="last-error"]')).toHaveTextContent('HTTP 503');

    const form = screen.getByRole('form', { name: 'Webhook settings' });
    expect(within(form).getByLabelText(/Endpoint URL/)).toHaveValue('https://hooks.example.com/slx');
    expect(within(form).getByRole('checkbox', { name: /User created/ })).toBeChecked();
    expect(within(form).getByRole('checkbox', { name: /Group created/ })).not.toBeChecked();
    await user.clear(within(form).getByLabelText(/Endpoint URL/));
    await user.type(within(form).getByLabelText(/Endpoint URL/), 'https://hooks.example.com/v2');
    await user.click(within(form).getByRole('checkbox', { name: /User created/ }));
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Changes saved.')).toBeInTheDocument();
    expect(hub.sent('PATCH', BASE)[0].body).toEqual({ url: 'https://hooks.example.com/v2', description: 'CRM sync', eventTypes: ['user.disabled'], maxInFlight: 10 });
  });

  it('disables the webhook and says what that means; a disabled one shows why and cannot be tested', async () => {
    const user = userEvent.setup();
    let current = webhook();
    const hub = hubWithWebhook({
      [`GET ${BASE}`]: () => jsonResponse(200, current),
      [`PATCH ${BASE}`]: () => {
        current = webhook({ enabled: false, disabledReason: null });
        return jsonResponse(200, current);
      },
    });
    await openPage();
    await user.click(screen.getByRole('button', { name: 'Disable' }));
    expect(await screen.findByTestId('flash')).toHaveTextContent('Webhook disabled: no deliveries are sent until it is enabled again.');
    expect(hub.sent('PATCH', BASE)[0].body).toEqual({ enabled: false });
    expect(screen.getByTestId('webhook-state')).toHaveAttribute('data-state', 'disabled');
    expect(screen.getByRole('button', { name: 'Enable' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Send test event' })).toBeDisabled();
  });

  it('rotates the secret after asking, shows the new one once and until when the old one works', async () => {
    const user = userEvent.setup();
    const until = '2025-03-02T10:00:00Z';
    const hub = hubWithWebhook({ [`POST ${BASE}/secret`]: jsonResponse(200, { webhook: webhook({ previousSecretValidUntil: until }), secret: 'whsec_bmV3LXNlY3JldA==' }) });
    await openPage();
    await user.click(screen.getByRole('button', { name: 'Rotate secret' }));
    const question = screen.getByRole('dialog', { name: 'Rotate the signing secret?' });
    await user.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(hub.sent('POST', `${BASE}/secret`)).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Rotate secret' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Rotate secret' }));
    const dialog = await screen.findByRole('dialog', { name: 'New signing secret' });
    expect(hub.sent('POST', `${BASE}/secret`)).toHaveLength(1);
    expect(within(dialog).getByLabelText('Signing secret')).toHaveValue('whsec_bmV3LXNlY3JldA==');
    expect(dialog).toHaveTextContent('you will not see it again');
    expect(within(dialog).getByTestId('rotation-grace')).toHaveTextContent(/The old secret keeps working until .*2025.*: update your receivers before then\./);
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByDisplayValue('whsec_bmV3LXNlY3JldA==')).toBeNull();
  });

  it('sends a test event and follows its delivery in the log until it is done', async () => {
    const user = userEvent.setup();
    const test = delivery({ id: 9, eventId: null, eventType: 'webhook.test', subject: null, status: 'pending', attempts: 0, lastStatusCode: null, deliveredAt: null });
    let log: WebhookDelivery[] = [done];
    let polls = 0;
    hubWithWebhook({
      [`GET ${BASE}/deliveries`]: () => {
        if (log[0] === test && ++polls > 1) log = [{ ...test, status: 'succeeded', attempts: 1, lastStatusCode: 204, deliveredAt: '2025-03-01T10:00:01Z' }, done];
        return jsonResponse(200, { items: log, next: null });
      },
      [`POST ${BASE}/test`]: () => {
        log = [test, done];
        return jsonResponse(202, test);
      },
    });
    await openPage();
    await screen.findByTestId('deliveries-table');
    await user.click(screen.getByRole('button', { name: 'Send test event' }));
    expect(await screen.findByTestId('flash')).toHaveTextContent('Test event queued (delivery 9): its outcome shows in the delivery log.');
    await waitFor(() => expect(within(rowOf(9)).getByTestId('delivery-status')).toHaveAttribute('data-state', 'pending'));
    expect(rowOf(9)).toHaveTextContent('Test event');
    await waitFor(() => expect(within(rowOf(9)).getByTestId('delivery-status')).toHaveAttribute('data-state', 'succeeded'), { timeout: 4000 });
    expect(rowOf(9)).toHaveTextContent('HTTP 204');
  });

  it('opens a delivery to show each attempt and the payload', async () => {
    const user = userEvent.setup();
    hubWithWebhook({
      [`GET ${BASE}/deliveries/3`]: jsonResponse(200, {
        ...exhausted,
        log: [
          { at: '2025-03-01T10:00:00Z', statusCode: 503, durationMs: 1200, error: null, response: 'Service Unavailable' },
          { at: '2025-03-01T10:00:30Z', statusCode: null, durationMs: 10000, error: 'Timed out after 10 s', response: null },
        ],
        payload: { specversion: '1.0', id: '103', type: 'user.disabled' },
      }),
    });
    await openPage();
    await screen.findByTestId('deliveries-table');
    expect(screen.getAllByTestId('delivery-row').map((r) => r.dataset.deliveryId)).toEqual(['3', '2', '1']);
    const details = within(rowOf(3)).getByRole('button', { name: 'Details of delivery 3' });
    await user.click(details);
    expect(details).toHaveAttribute('aria-expanded', 'true');

    const panel = await screen.findByTestId('delivery-details');
    const attempts = within(panel).getAllByTestId('delivery-attempt').map((row) => [...row.querySelectorAll('td')].slice(1).map((td) => td.textContent));
    expect(attempts).toEqual([
      ['HTTP 503', '1200 ms', '—', 'Service Unavailable'],
      ['No answer', '10000 ms', 'Timed out after 10 s', '—'],
    ]);
    expect(within(panel).getByTestId('delivery-payload')).toHaveTextContent('"type": "user.disabled"');

    await user.click(details);
    expect(details).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByTestId('delivery-details')).toBeNull();
  });

  it('replays a finished delivery, but not a pending one', async () => {
    const user = userEvent.setup();
    const hub = hubWithWebhook({ [`POST ${BASE}/deliveries/3/replay`]: jsonResponse(202, { ...exhausted, status: 'pending' }) });
    await openPage();
    await screen.findByTestId('deliveries-table');
    expect(within(rowOf(2)).queryByRole('button', { name: /Replay/ })).toBeNull();
    expect(within(rowOf(1)).getByRole('button', { name: /Replay/ })).toBeEnabled();
    await user.click(within(rowOf(3)).getByRole('button', { name: 'Replay delivery 3' }));
    expect(await screen.findByText('Delivery 3 queued again.')).toBeInTheDocument();
    expect(hub.sent('POST', `${BASE}/deliveries/3/replay`)).toHaveLength(1);
  });

  it('filters the log by status on the hub', async () => {
    const user = userEvent.setup();
    const hub = hubWithWebhook();
    await openPage();
    await screen.findByTestId('deliveries-table');
    expect(listCalls(hub.requests).at(-1)!.path).toBe(`${BASE}/deliveries?limit=50`);
    await user.selectOptions(screen.getByLabelText('Status'), 'Exhausted');
    await waitFor(() => expect(listCalls(hub.requests).at(-1)!.path).toBe(`${BASE}/deliveries?status=exhausted&limit=50`));
    await waitFor(() => expect(screen.getAllByTestId('delivery-row').map((r) => r.dataset.deliveryId)).toEqual(['3']));
  });

  it('replays every exhausted delivery since a time and says how many were queued', async () => {
    const user = userEvent.setup();
    const hub = hubWithWebhook({ [`POST ${BASE}/replay`]: jsonResponse(202, { replayed: 3 }) });
    await openPage();
    await user.click(screen.getByRole('button', { name: 'Replay all exhausted' }));
    expect(await screen.findByText('Pick a date and time')).toBeInTheDocument();
    expect(hub.sent('POST', `${BASE}/replay`)).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('Replay exhausted deliveries since'), { target: { value: '2025-03-01T09:30' } });
    await user.click(screen.getByRole('button', { name: 'Replay all exhausted' }));
    expect(await screen.findByText('3 exhausted deliveries queued again.')).toBeInTheDocument();
    expect(hub.sent('POST', `${BASE}/replay`)[0].body).toEqual({ since: new Date('2025-03-01T09:30').toISOString() });
  });

  it('deletes the webhook after asking, and goes back to the list', async () => {
    const user = userEvent.setup();
    const hub = hubWithWebhook({ [`DELETE ${BASE}`]: jsonResponse(204), 'GET /api/v1/webhooks': jsonResponse(200, { items: [] }) });
    const router = await openPage();
    await user.click(screen.getByTestId('webhook-delete'));
    await user.click(within(screen.getByRole('dialog', { name: 'Delete this webhook?' })).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/webhooks'));
    expect(hub.sent('DELETE', BASE)).toHaveLength(1);
    expect(await screen.findByTestId('flash')).toHaveTextContent('Webhook for https://hooks.example.com/slx deleted.');
  });

  it('says why a test event was refused', async () => {
    const user = userEvent.setup();
    hubWithWebhook({ [`POST ${BASE}/test`]: problem(409, { title: 'Conflict', detail: 'The webhook is disabled.' }) });
    await openPage();
    await user.click(screen.getByRole('button', { name: 'Send test event' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The webhook is disabled.');
  });

  it('lets an operator test and replay, but not change settings or secrets', async () => {
    hubWithWebhook();
    await openPage('operator');
    await screen.findByTestId('deliveries-table');
    expect(screen.getByRole('button', { name: 'Send test event' })).toBeEnabled();
    expect(within(rowOf(3)).getByRole('button', { name: /Replay/ })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Replay all exhausted' })).toBeEnabled();
    for (const name of ['Rotate secret', 'Delete', 'Disable', 'Save changes']) expect(screen.queryByRole('button', { name })).toBeNull();
    expect(screen.getByLabelText(/Endpoint URL/)).toBeDisabled();
  });

  it('shows an auditor the webhook and its log only', async () => {
    hubWithWebhook();
    await openPage('auditor');
    await screen.findByTestId('deliveries-table');
    for (const name of [/Send test event/, /Replay/, /Rotate secret/, /^Delete$/, /^Disable$/]) expect(screen.queryByRole('button', { name })).toBeNull();
    expect(screen.getAllByRole('button', { name: /^Details of delivery/ })).toHaveLength(3);
  });

  it('explains an empty log', async () => {
    hubWithWebhook({ [`GET ${BASE}/deliveries`]: emptyPage() });
    await openPage();
    expect(await screen.findByTestId('deliveries-empty')).toHaveTextContent('Nothing delivered yet');
  });

  it('says when the webhook does not exist', async () => {
    fakeHub({ [`GET ${BASE}`]: problem(404, { title: 'Not Found' }), [`GET ${BASE}/deliveries`]: emptyPage() });
    renderRoutes(webhookRoutes, `/webhooks/${HOOK}`);
    expect(await screen.findByTestId('webhook-not-found')).toHaveTextContent('This webhook does not exist');
  });
});
