import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppLayout } from '../shared/layout/AppLayout';
import { fakeHub } from '../test/fakeHub';
import { cloudEvent, eventStreams, jsonResponse } from '../test/fixtures';
import { renderRoutes } from '../test/renderRoutes';
import { eventRoutes } from './routes';
import { LIVE_LIMIT } from './useChangeStream';

const AD = '0b6c6f1e-8a57-4a43-9d7e-3f1f0c1e2a10';
const ADA = '11111111-1111-4111-8111-111111111111';
const STAFF = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const connectors = [{ id: AD, name: 'Head office AD', type: 'ldap', enabled: true, settings: {}, secretsSet: [], status: { state: 'running' } }];

function hubWithStream() {
  const streams = eventStreams();
  fakeHub({ 'GET /api/v1/events/stream': streams.answer, 'GET /api/v1/connectors': jsonResponse(200, connectors) });
  return streams;
}

const rows = () => screen.queryAllByTestId('live-event-row');
const cells = (row: HTMLElement) => [...row.querySelectorAll('td')].map((td) => td.textContent);

describe('Live changes', () => {
  it('shows each change as it arrives, newest on top: time, type, subject and source', async () => {
    const streams = hubWithStream();
    renderRoutes(eventRoutes, '/events/live');
    expect(await screen.findByRole('heading', { name: 'Live changes', level: 1 })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('stream-state')).toHaveAttribute('data-state', 'connected'));
    expect(screen.getByTestId('stream-state')).toHaveTextContent('Live');
    expect(screen.getByTestId('live-feed-empty')).toHaveTextContent('Waiting for changes');

    streams.send(cloudEvent({ id: '1', type: 'user.created', source: `/connectors/${AD}`, subject: `users/${ADA}`, data: { user: { id: ADA, userName: 'ada' } } }));
    streams.send(cloudEvent({ id: '2', type: 'group.member_added', source: '/admin', actor: 'alice', subject: `groups/${STAFF}`, data: { group: { id: STAFF, name: 'Staff' } } }));
    await waitFor(() => expect(rows().map((r) => r.dataset.eventId)).toEqual(['2', '1']));

    const [added, created] = rows();
    expect(cells(added).slice(1)).toEqual(['Added to a groupgroup.member_added', 'Staff', 'Admin changesalice']);
    expect(within(added).getByRole('link', { name: 'Staff' })).toHaveAttribute('href', `/groups/${STAFF}`);
    expect(within(created).getByRole('link', { name: 'ada' })).toHaveAttribute('href', `/users/${ADA}`);
    await waitFor(() => expect(within(created).getByRole('link', { name: 'Head office AD' })).toHaveAttribute('href', `/connectors/${AD}`));
    expect(cells(created)[0]).toMatch(/\d/);
  });

  it('says it is reconnecting when the connection drops, and goes on where it left off', async () => {
    const streams = hubWithStream();
    renderRoutes(eventRoutes, '/events/live');
    await waitFor(() => expect(streams.requests()).toHaveLength(1));
    streams.send(cloudEvent({ id: '7' }));
    await waitFor(() => expect(rows()).toHaveLength(1));

    streams.drop();
    await waitFor(() => expect(screen.getByTestId('stream-state')).toHaveAttribute('data-state', 'reconnecting'));
    expect(screen.getByTestId('stream-state')).toHaveTextContent('Reconnecting…');
    // The first retry waits a second.
    await waitFor(() => expect(streams.requests()).toHaveLength(2), { timeout: 3000 });
    expect(streams.requests()[1].headers.get('Last-Event-ID')).toBe('7');
    await waitFor(() => expect(screen.getByTestId('stream-state')).toHaveAttribute('data-state', 'connected'));
    streams.send(cloudEvent({ id: '7' }));
    streams.send(cloudEvent({ id: '8' }));
    await waitFor(() => expect(rows().map((r) => r.dataset.eventId)).toEqual(['8', '7']));
  });

  it('pauses the list while events keep coming, and shows them on resume', async () => {
    const user = userEvent.setup();
    const streams = hubWithStream();
    renderRoutes(eventRoutes, '/events/live');
    await waitFor(() => expect(streams.requests()).toHaveLength(1));
    streams.send(cloudEvent({ id: '1' }));
    await waitFor(() => expect(rows()).toHaveLength(1));

    await user.click(screen.getByRole('button', { name: 'Pause' }));
    streams.send(cloudEvent({ id: '2' }));
    streams.send(cloudEvent({ id: '3' }));
    const resume = await screen.findByRole('button', { name: 'Resume (2 new)' });
    expect(resume).toHaveAttribute('aria-pressed', 'true');
    expect(rows().map((r) => r.dataset.eventId)).toEqual(['1']);

    await user.click(resume);
    expect(rows().map((r) => r.dataset.eventId)).toEqual(['3', '2', '1']);
    expect(screen.getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'false');
  });

  it(`keeps the newest ${LIVE_LIMIT} events`, async () => {
    const streams = hubWithStream();
    renderRoutes(eventRoutes, '/events/live');
    await waitFor(() => expect(streams.requests()).toHaveLength(1));
    for (let id = 1; id <= LIVE_LIMIT + 5; id++) streams.send(cloudEvent({ id: String(id) }));
    await waitFor(() => expect(rows()[0].dataset.eventId).toBe(String(LIVE_LIMIT + 5)));
    expect(rows()).toHaveLength(LIVE_LIMIT);
    expect(rows().at(-1)!.dataset.eventId).toBe('6');
  });
});

describe('Navigation to the live changes', () => {
  it('is offered after Provisioning, with Webhooks', async () => {
    hubWithStream();
    renderRoutes([{ element: <AppLayout />, children: eventRoutes }], '/events/live', 'auditor');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    const links = within(nav)
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(links.slice(4, 7)).toEqual(['Provisioning', 'Live changes', 'Webhooks']);
    expect(within(nav).getByRole('link', { name: 'Live changes' })).toHaveAttribute('href', '/events/live');
    expect(within(nav).getByRole('link', { name: 'Webhooks' })).toHaveAttribute('href', '/webhooks');
  });
});
