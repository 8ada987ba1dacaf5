import { useCallback, useEffect, useState } from 'react';
import { CursorPagedTable } from '../shared/CursorPagedTable';
import { EmptyState } from '../shared/EmptyState';
import { ErrorAlert } from '../shared/ErrorAlert';
import { FilterSelect } from '../shared/FilterSelect';
import { FiltersForm } from '../shared/FiltersForm';
import { FlashNotice } from '../shared/FlashNotice';
import { PAGE_SIZE, useCursorPages } from '../shared/paging';
import { usePageActions } from '../shared/usePageActions';
import { DeliveriesTable } from './DeliveriesTable';
import { DELIVERY_STATUS_LOOKS } from './DeliveryStatusBadge';
import { ReplaySinceForm } from './ReplaySinceForm';
import { listWebhookDeliveries, replayWebhookDeliveries, replayWebhookDelivery, type DeliveryStatus, type WebhookDelivery } from './webhooksApi';

/** How often the log looks again while a shown delivery is still pending. */
export const PENDING_POLL_MS = 2000;

const STATUS_OPTIONS = [
  { value: '', label: 'All' },
  ...Object.entries(DELIVERY_STATUS_LOOKS).map(([value, look]) => ({ value, label: look.label })),
];

interface Props {
  webhookId: string;
  /** The role may replay. */
  operate: boolean;
  /** Bumped when the page queued a delivery (a test event): the log loads again. */
  version: number;
}

/** A webhook's delivery log, 50 a page, filtered by status; replay one delivery or all exhausted since a time. */
export function DeliveryLog({ webhookId, operate, version }: Props) {
  const [status, setStatus] = useState('');
  const [flash, setFlash] = useState<string>();
  const actions = usePageActions<string>(() => setFlash(undefined));
  const load = useCallback(
    (cursor: string | undefined) => listWebhookDeliveries(webhookId, { status: (status || undefined) as DeliveryStatus | undefined, limit: PAGE_SIZE, cursor }),
    [webhookId, status],
  );
  const pages = useCursorPages(load, status);
  const { reload, items } = pages;

  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);

  // Pending deliveries change on their own: follow them until they are done.
  useEffect(() => {
    if (!items?.some((d) => d.status === 'pending')) return;
    const timer = setTimeout(reload, PENDING_POLL_MS);
    return () => clearTimeout(timer);
  }, [items, reload]);

  const replay = (delivery: WebhookDelivery) =>
    void actions.run(String(delivery.id), async () => {
      await replayWebhookDelivery(webhookId, delivery.id);
      setFlash(`Delivery ${delivery.id} queued again.`);
      reload();
    });

  const replaySince = async (since: string) => {
    actions.start();
    const { replayed } = await replayWebhookDeliveries(webhookId, since);
    setFlash(replayed === 0 ? 'No exhausted deliveries since then: nothing to replay.' : `${replayed} exhausted ${replayed === 1 ? 'delivery' : 'deliveries'} queued again.`);
    reload();
  };

  return (
    <section className="delivery-log" aria-labelledby="delivery-log-title" data-testid="delivery-log">
      <h2 id="delivery-log-title" className="section-title">
        Delivery log
      </h2>
      <FlashNotice message={flash} />
      <ErrorAlert error={actions.error} />
      <FiltersForm label="Filter the deliveries">
        <FilterSelect id="delivery-status" label="Status" value={status} options={STATUS_OPTIONS} onChange={setStatus} />
      </FiltersForm>
      {operate && (
        <div className="card">
          <ReplaySinceForm onReplay={replaySince} />
        </div>
      )}
      <CursorPagedTable
        pages={pages}
        noun={['delivery', 'deliveries']}
        pagerTestId="deliveries-pager"
        empty={
          <EmptyState testId="deliveries-empty" title={status ? 'No matching deliveries' : 'Nothing delivered yet'}>
            <p>{status ? 'No delivery has this status.' : 'Deliveries appear when a change of a subscribed type happens, or when you send a test event.'}</p>
          </EmptyState>
        }
      >
        {(list) => <DeliveriesTable webhookId={webhookId} deliveries={list} onReplay={operate ? replay : undefined} replaying={actions.busy} />}
      </CursorPagedTable>
    </section>
  );
}
