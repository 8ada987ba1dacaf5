import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { routes } from '../App';
import { fakeHub } from '../test/fakeHub';
import { cloudEvent, eventStreams, jsonResponse } from '../test/fixtures';
import { renderRoutes } from '../test/renderRoutes';
import { HOOK, webhook } from '../webhooks/webhookFixtures';
import { DASHBOARD_FEED_ROWS } from './DashboardPage';
import { dashboardRoutes } from './routes';

const AD = '0b6c6f1e-8a57-4a43-9d7e-3f1f0c1e2a10';
const GONE_CONNECTOR = '99999999-9999-4999-8999-999999999999';
const connectors = [{ id: AD, name: 'Head office AD', type: 'ldap', enabled: true, settings: {}, secretsSet: [], status: { state: 'running' } }];

const now = Date.now();
const minute = (ago: number) => new Date(Math.floor(now / 60_000) * 60_000 - ago * 60_000).toISOString();
const stats = {
  from: new Date(now - 3_600_000).toISOString(),
  to: new Date(now).toISOString(),
  buckets: [
    { minute: minute(5), source: `/connectors/${AD}`, connectorId: AD, count: 4 },
    { minute: minute(1), source: `/connectors/${AD}`, connectorId: AD, count: 1 },
    { minute: minute(1), source: '/admin', connectorId: null, count: 2 },
    { minute: minute(30), source: `/connectors/${GONE_CONNECTOR}`, connectorId: GONE_CONNECTOR, count: 1 },
  ],
};

function hubForDashboard(extra: Parameters<typeof fakeHub>[0] = {}) {
  const streams = eventStreams();
  const hub = fakeHub({
    'GET /api/v1/stats/changes': jsonResponse(200, stats),
    'GET /api/v1/webhooks': jsonResponse(200, { items: [webhook()] }),
    'GET /api/v1/connectors': jsonResponse(200, connectors),
    'GET /api/v1/events/stream': streams.answer,
    ...extra,
  });
  return { hub, streams };
}

const legend = () => screen.getAllByTestId('chart-legend-item').map((item) => item.textContent);

describe('Dashboard', () => {
  it('charts the changes per minute of the last hour by source, named, with the totals for screen readers', async () => {
    const { hub } = hubForDashboard();
    renderRoutes(dashboardRoutes, '/dashboard');
    expect(await screen.findByRole('heading', { name: 'Dashboard', level: 1 })).toBeInTheDocument();
    await waitFor(() => expect(legend()).toEqual(['Head office AD5', 'Admin changes2', 'Connector 99999999…1']));
    expect(hub.sent('GET', '/api/v1/stats/changes?minutes=60')).toHaveLength(1);

    const chart = screen.getByRole('img', { name: /^Changes per minute by source/ });
    expect(chart).toHaveAccessibleName(
      'Changes per minute by source. 8 changes in the last 60 minutes: Head office AD 5, Admin changes 2, Connector 99999999… 1.',
    );
    // One bar segment per minute and source with changes, stacked.
    const segments = [...chart.querySelectorAll('rect')].map((r) => [r.getAttribute('data-source'), r.getAttribute('data-count')]);
    expect(segments).toEqual([
      [`/connectors/${GONE_CONNECTOR}`, '1'],
      [`/connectors/${AD}`, '4'],
      [`/connectors/${AD}`, '1'],
      ['/admin', '2'],
    ]);
  });

  it('counts changes from the live stream into the chart before the next refresh, and lists them in the feed', async () => {
    const { streams } = hubForDashboard();
    renderRoutes(dashboardRoutes, '/dashboard');
    await waitFor(() => expect(legend()).toHaveLength(3));
    await waitFor(() => expect(streams.requests()).toHaveLength(1));
    streams.send(cloudEvent({ id: '50', source: '/admin', time: new Date(now + 1000).toISOString() }));
    streams.send(cloudEvent({ id: '51', source: '/admin', time: new Date(now + 2000).toISOString() }));
    await waitFor(() => expect(legend().slice(0, 2)).toEqual(['Head office AD5', 'Admin changes4']));
    expect(screen.getAllByTestId('live-event-row').map((r) => r.dataset.eventId)).toEqual(['51', '50']);
  });

  it('keeps the feed short and links to the full live view', async () => {
    const { streams } = hubForDashboard();
    renderRoutes(dashboardRoutes, '/dashboard');
    await waitFor(() => expect(streams.requests()).toHaveLength(1));
    for (let id = 1; id <= 15; id++) streams.send(cloudEvent({ id: String(id) }));
    await waitFor(() => expect(screen.getAllByTestId('live-event-row')[0].dataset.eventId).toBe('15'));
    expect(screen.getAllByTestId('live-event-row')).toHaveLength(DASHBOARD_FEED_ROWS);
    expect(within(screen.getByTestId('live-feed')).getByRole('link', { name: 'Open the live view' })).toHaveAttribute('href', '/events/live');
  });

  it('shows the delivery health of each webhook, linking to its page', async () => {
    hubForDashboard();
    renderRoutes(dashboardRoutes, '/dashboard');
    const card = await screen.findByTestId('webhook-health');
    const row = await within(card).findByTestId('webhook-row');
    expect(within(row).getByRole('link', { name: /hooks\.example\.com/ })).toHaveAttribute('href', `/webhooks/${HOOK}`);
    expect(row.querySelector('[data-health="exhausted"]')).toHaveTextContent('1');
    expect(within(card).queryByRole('columnheader', { name: 'Events' })).toBeNull();
  });

  it('says when nothing changed and no webhook exists yet', async () => {
    hubForDashboard({
      'GET /api/v1/stats/changes': jsonResponse(200, { ...stats, buckets: [] }),
      'GET /api/v1/webhooks': jsonResponse(200, { items: [] }),
    });
    renderRoutes(dashboardRoutes, '/dashboard');
    expect(await screen.findByTestId('changes-chart-empty')).toHaveTextContent('No changes in the last 60 minutes.');
    expect(await screen.findByTestId('webhook-health-empty')).toHaveTextContent('No webhooks yet');
  });

  it('is where the console opens', async () => {
    hubForDashboard();
    const router = renderRoutes(routes, '/');
    await waitFor(() => expect(router.state.location.pathname).toBe('/dashboard'));
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getAllByRole('link')[0]).toHaveAttribute('href', '/dashboard');
  });
});
