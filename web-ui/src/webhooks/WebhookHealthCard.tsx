import { Link } from 'react-router';
import { useLoad } from '../shared/hooks';
import { TableCard, TableCardBody } from '../shared/TableCard';
import { HEALTH_POLL_MS, listWebhooks } from './webhooksApi';
import { WebhooksTable } from './WebhooksTable';

/** Delivery health of every webhook, each linking to its page (the dashboard's table). */
export function WebhookHealthCard() {
  const webhooks = useLoad(listWebhooks, [], HEALTH_POLL_MS);
  return (
    <TableCard id="webhook-health" title="Webhook deliveries" note="Now and over the last hour." actions={<Link to="/webhooks">All webhooks</Link>}>
      <TableCardBody items={webhooks.data} loading={webhooks.loading} error={webhooks.error} emptyTestId="webhook-health-empty" empty={<>No webhooks yet: <Link to="/webhooks">add one</Link> to send changes to your systems.</>}>
        {(items) => <WebhooksTable webhooks={items} healthOnly />}
      </TableCardBody>
    </TableCard>
  );
}
