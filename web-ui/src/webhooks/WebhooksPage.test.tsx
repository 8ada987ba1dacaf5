import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeHub } from '../test/fakeHub';
import { jsonResponse, problem } from '../test/fixtures';
import { renderRoutes } from '../test/renderRoutes';
import { webhookRoutes } from './routes';
import { GONE, HOOK, webhook } from './webhookFixtures';

const gone = webhook({
  id: GONE,
  url: 'https://old.example.com/hook',
  description: null,
  eventTypes: [],
  enabled: false,
  disabledReason: 'The endpoint answered 410 Gone',
  health: { pending: 0, exhausted: 0, succeededLastHour: 0, failedAttemptsLastHour: 0, lastError: null },
});

function hubWithWebhooks(extra: Parameters<typeof fakeHub>[0] = {}) {
  return fakeHub({ 'GET /api/v1/webhooks': jsonResponse(200, { items: [webhook(), gone] }), ...extra });
}

const rowOf = (id: string) => screen.getAllByTestId('webhook-row').find((row) => row.dataset.webhookId === id)!;
const health = (row: HTMLElement, name: string) => row.querySelector(`[data-health="${name}"]`)?.textContent;

describe('Webhooks', () => {
  it('lists each webhook: endpoint, events, state with the hub’s reason, and delivery health', async () => {
    hubWithWebhooks();
    renderRoutes(webhookRoutes, '/webhooks');
    await screen.findByTestId('webhooks-table');
    expect(screen.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeInTheDocument();

    const crm = rowOf(HOOK);
    expect(within(crm).getByRole('link', { name: /hooks\.example\.com/ })).toHaveAttribute('href', `/webhooks/${HOOK}`);
    expect(crm).toHaveTextContent('CRM sync');
    expect(crm).toHaveTextContent('user.created');
    expect(crm).toHaveTextContent('user.disabled');
    expect(within(crm).getByTestId('webhook-state')).toHaveAttribute('data-state', 'enabled');
    expect(['pending', 'exhausted', 'succeeded', 'failed-attempts'].map((h) => health(crm, h))).toEqual(['2', '1', '40', '3']);
    expect(health(crm, 'last-error')).toContain('HTTP 503');

    const old = rowOf(GONE);
    expect(old).toHaveTextContent('All events');
    expect(within(old).getByTestId('webhook-state')).toHaveAttribute('data-state', 'disabled');
    expect(within(old).getByTestId('webhook-disabled-reason')).toHaveTextContent('The endpoint answered 410 Gone');
    expect(health(old, 'last-error')).toBe('—');
  });

  it('creates a webhook for the chosen event types and shows its secret once, with a copy button', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const created = webhook({ id: 'new-hook', url: 'https://receiver.example.com/in', eventTypes: ['user.deleted', 'group.created'] });
    let listed = [webhook()];
    const hub = hubWithWebhooks({
      'GET /api/v1/webhooks': () => jsonResponse(200, { items: listed }),
      'POST /api/v1/webhooks': () => {
        listed = [...listed, created];
        return jsonResponse(201, { webhook: created, secret: 'whsec_c2VjcmV0LWtleQ==' });
      },
    });
    renderRoutes(webhookRoutes, '/webhooks');
    await user.click(await screen.findByRole('button', { name: '+ New webhook' }));
    const form = screen.getByRole('form', { name: 'New webhook' });
    expect(within(form).getByText(/None chosen: the webhook receives all events/)).toBeInTheDocument();

    await user.type(within(form).getByLabelText(/Endpoint URL/), 'https://receiver.example.com/in');
    await user.type(within(form).getByLabelText('Description'), 'Receiver');
    await user.click(within(within(form).getByRole('group', { name: 'Users' })).getByRole('checkbox', { name: /Deleted/ }));
    await user.click(within(form).getByRole('checkbox', { name: /Group created/ }));
    await user.clear(within(form).getByLabelText(/Deliveries at once/));
    await user.type(within(form).getByLabelText(/Deliveries at once/), '5');
    await user.click(within(form).getByRole('button', { name: 'Create webhook' }));

    const dialog = await screen.findByRole('dialog', { name: 'Webhook created: its signing secret' });
    expect(hub.sent('POST', '/api/v1/webhooks')[0].body).toEqual({
      url: 'https://receiver.example.com/in',
      description: 'Receiver',
      eventTypes: ['user.deleted', 'group.created'],
      maxInFlight: 5,
    });
    expect(dialog).toHaveTextContent('you will not see it again');
    expect(within(dialog).getByLabelText('Signing secret')).toHaveValue('whsec_c2VjcmV0LWtleQ==');
    await user.click(within(dialog).getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith('whsec_c2VjcmV0LWtleQ==');
    expect(within(dialog).getByRole('button', { name: 'Copied' })).toBeInTheDocument();

    // Escape does not lose it; Done closes it for good.
    await user.keyboard('{Escape}');
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByDisplayValue('whsec_c2VjcmV0LWtleQ==')).toBeNull();
    expect(screen.getByTestId('flash')).toHaveTextContent('Webhook for https://receiver.example.com/in created.');
    await waitFor(() => expect(rowOf('new-hook')).toHaveTextContent('receiver.example.com'));
  });

  it('checks the URL and the number of deliveries at once before calling the hub', async () => {
    const user = userEvent.setup();
    const hub = hubWithWebhooks();
    renderRoutes(webhookRoutes, '/webhooks');
    await user.click(await screen.findByRole('button', { name: '+ New webhook' }));
    await user.type(screen.getByLabelText(/Endpoint URL/), 'ftp://nope');
    await user.clear(screen.getByLabelText(/Deliveries at once/));
    await user.type(screen.getByLabelText(/Deliveries at once/), '500');
    await user.click(screen.getByRole('button', { name: 'Create webhook' }));
    expect(await screen.findByText('An http:// or https:// URL')).toBeInTheDocument();
    expect(screen.getByText('A whole number from 1 to 100')).toBeInTheDocument();
    expect(screen.getByLabelText(/Endpoint URL/)).toHaveAttribute('aria-invalid', 'true');
    expect(hub.sent('POST', '/api/v1/webhooks')).toHaveLength(0);
  });

  it('shows the hub’s validation errors at their fields', async () => {
    const user = userEvent.setup();
    hubWithWebhooks({
      'POST /api/v1/webhooks': problem(400, {
        title: 'Bad Request',
        detail: 'The webhook is not valid',
        errors: [
          { field: '/url', message: 'Must not point to the hub itself' },
          { field: '/eventTypes/0', message: 'Unknown event type' },
        ],
      }),
    });
    renderRoutes(webhookRoutes, '/webhooks');
    await user.click(await screen.findByRole('button', { name: '+ New webhook' }));
    await user.type(screen.getByLabelText(/Endpoint URL/), 'http://127.0.0.1:8080/hook');
    await user.click(screen.getByRole('button', { name: 'Create webhook' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The webhook is not valid');
    expect(screen.getByText('Must not point to the hub itself')).toHaveAttribute('id', 'webhook-url-error');
    expect(screen.getByText('Unknown event type')).toHaveAttribute('id', 'webhook-eventTypes-error');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('explains an empty list', async () => {
    fakeHub({ 'GET /api/v1/webhooks': jsonResponse(200, { items: [] }) });
    renderRoutes(webhookRoutes, '/webhooks');
    expect(await screen.findByTestId('webhooks-empty')).toHaveTextContent('No webhooks yet');
  });

  it('offers no New webhook to an operator', async () => {
    const hub = hubWithWebhooks();
    renderRoutes(webhookRoutes, '/webhooks', 'operator');
    await screen.findByTestId('webhooks-table');
    expect(screen.queryByRole('button', { name: /New webhook/ })).toBeNull();
    expect(hub.requests.every((r) => r.method === 'GET')).toBe(true);
  });
});
