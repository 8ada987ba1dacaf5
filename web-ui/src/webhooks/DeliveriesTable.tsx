import { Fragment, useState } from 'react';
import { eventLabel } from '../events/eventTypes';
import { formatDateTime } from '../shared/format';
import { NoValue } from '../shared/NoValue';
import { DeliveryDetails } from './DeliveryDetails';
import { DeliveryStatusBadge } from './DeliveryStatusBadge';
import { HttpStatus } from './HttpStatus';
import type { WebhookDelivery } from './webhooksApi';

interface Props {
  webhookId: string;
  deliveries: WebhookDelivery[];
  /** Without it (a role that may not), there is no Replay. */
  onReplay?: (delivery: WebhookDelivery) => void;
  /** The delivery being replayed; every Replay waits meanwhile. */
  replaying: string | null;
}

const COLUMNS = 7;

/** What the endpoint last answered: the HTTP status, else the error. */
function LastAnswer({ delivery }: { delivery: WebhookDelivery }) {
  if (delivery.lastStatusCode != null) return <HttpStatus code={delivery.lastStatusCode} />;
  return delivery.lastError ? <span className="text-danger small">{delivery.lastError}</span> : <NoValue />;
}

/** A webhook's deliveries, newest first; "Details" opens (and closes) a delivery's attempts and payload below it. */
export function DeliveriesTable({ webhookId, deliveries, onReplay, replaying }: Props) {
  const [open, setOpen] = useState<number>();
  return (
    <table className="table table-compact" data-testid="deliveries-table">
      <thead>
        <tr>
          <th scope="col">Created</th>
          <th scope="col">Event</th>
          <th scope="col">Status</th>
          <th scope="col" className="num-col">
            Attempts
          </th>
          <th scope="col">Last answer</th>
          <th scope="col">Delivered</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d) => {
          const expanded = open === d.id;
          const detailsId = `delivery-${d.id}-details`;
          return (
            <Fragment key={d.id}>
              <tr data-testid="delivery-row" data-delivery-id={d.id}>
                <td>{formatDateTime(d.createdAt)}</td>
                <td>
                  {d.eventId ? eventLabel(d.eventType) : 'Test event'}
                  <span className="muted small mono block">
                    {d.eventType}
                    {d.subject ? ` · ${d.subject}` : ''}
                  </span>
                </td>
                <td>
                  <DeliveryStatusBadge status={d.status} />
                  {d.status === 'pending' && d.nextAttemptAt && <span className="muted small block">next try {formatDateTime(d.nextAttemptAt)}</span>}
                </td>
                <td className="num-col">{d.attempts ?? 0}</td>
                <td>
                  <LastAnswer delivery={d} />
                </td>
                <td>{d.deliveredAt ? formatDateTime(d.deliveredAt) : <NoValue />}</td>
                <td className="actions-col">
                  <button type="button" className="btn btn-sm btn-ghost" aria-expanded={expanded} aria-controls={expanded ? detailsId : undefined} aria-label={`Details of delivery ${d.id}`} onClick={() => setOpen(expanded ? undefined : d.id)}>
                    Details
                  </button>
                  {onReplay && d.status !== 'pending' && (
                    <button type="button" className="btn btn-sm" aria-label={`Replay delivery ${d.id}`} disabled={replaying !== null} onClick={() => onReplay(d)}>
                      {replaying === String(d.id) ? 'Replaying…' : 'Replay'}
                    </button>
                  )}
                </td>
              </tr>
              {expanded && (
                <tr id={detailsId} className="details-row">
                  <td colSpan={COLUMNS}>
                    <DeliveryDetails webhookId={webhookId} deliveryId={d.id} />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
