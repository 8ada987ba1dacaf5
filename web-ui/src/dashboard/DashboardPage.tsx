import { Link } from 'react-router';
import { useConnectorList } from '../connectors/useConnectorList';
import { LiveFeed } from '../events/LiveFeed';
import { useChangeStream } from '../events/useChangeStream';
import { PageHeader } from '../shared/PageHeader';
import { ChangesChartCard } from './ChangesChartCard';
import { WebhookHealthCard } from '../webhooks/WebhookHealthCard';

/** How many of the newest changes the dashboard's feed shows. */
export const DASHBOARD_FEED_ROWS = 10;

/** What is happening now: changes per minute, webhook delivery health and the newest changes. */
export function DashboardPage() {
  const stream = useChangeStream();
  const connectors = useConnectorList();
  return (
    <>
      <PageHeader title="Dashboard" subtitle="Changes flowing through the hub and how webhook deliveries are going." />
      <ChangesChartCard live={stream.events} connectorNames={connectors.names} />
      <WebhookHealthCard />
      <LiveFeed stream={stream} connectorNames={connectors.names} rows={DASHBOARD_FEED_ROWS} more={<Link to="/events/live">Open the live view</Link>} />
    </>
  );
}
