import { ClickableRow } from '../shared/ClickableRow';
import { formatRelative } from '../shared/format';
import { LinkCell } from '../shared/LinkCell';
import { NoValue } from '../shared/NoValue';
import { EventTypesSummary } from './EventTypesSummary';
import type { Webhook } from './webhooksApi';
import { WebhookStateBadge } from './WebhookStateBadge';

interface Props {
  webhooks: Webhook[];
  /** Leaves out the event types (the dashboard's health table). */
  healthOnly?: boolean;
}

/** Count cells that call for attention are red. */
function CountCell({ value, warn, label }: { value: number | undefined; warn?: boolean; label: string }) {
  return (
    <td className={`num-col${warn && value ? ' text-danger strong' : ''}`} data-health={label}>
      {value ?? 0}
    </td>
  );
}

/** Webhook subscriptions with their state and delivery health; a row opens the webhook. */
export function WebhooksTable({ webhooks, healthOnly }: Props) {
  return (
    <table className="table table-compact webhooks-table" data-testid="webhooks-table">
      <thead>
        <tr>
          <th scope="col">Endpoint</th>
          {!healthOnly && <th scope="col">Events</th>}
          <th scope="col">State</th>
          <th scope="col" className="num-col">
            Pending
          </th>
          <th scope="col" className="num-col">
            Exhausted
          </th>
          <th scope="col" className="num-col">
            <abbr title="Deliveries that succeeded in the last hour">Delivered 1 h</abbr>
          </th>
          <th scope="col" className="num-col">
            <abbr title="Attempts that failed in the last hour">Failed tries 1 h</abbr>
          </th>
          <th scope="col">Last error</th>
        </tr>
      </thead>
      <tbody>
        {webhooks.map((w) => {
          const to = `/webhooks/${encodeURIComponent(w.id)}`;
          const health = w.health ?? {};
          return (
            <ClickableRow key={w.id} to={to} data-testid="webhook-row" data-webhook-id={w.id}>
              <LinkCell to={to}>
                <span className="wrap-anywhere">{w.url}</span>
                {w.description && <span className="muted small block">{w.description}</span>}
              </LinkCell>
              {!healthOnly && (
                <td>
                  <EventTypesSummary types={w.eventTypes ?? []} />
                </td>
              )}
              <td>
                <WebhookStateBadge webhook={w} />
              </td>
              <CountCell label="pending" value={health.pending} />
              <CountCell label="exhausted" value={health.exhausted} warn />
              <CountCell label="succeeded" value={health.succeededLastHour} />
              <CountCell label="failed-attempts" value={health.failedAttemptsLastHour} warn />
              <td className="error-cell small" data-health="last-error">
                {health.lastError ? (
                  <>
                    <span className="text-danger">{health.lastError}</span>
                    {health.lastFailureAt && <span className="muted block">{formatRelative(health.lastFailureAt)}</span>}
                  </>
                ) : (
                  <NoValue />
                )}
              </td>
            </ClickableRow>
          );
        })}
      </tbody>
    </table>
  );
}
