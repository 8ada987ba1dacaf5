import { formatDateTime, formatRelative } from '../shared/format';
import type { Webhook } from './webhooksApi';
import { WebhookStateBadge } from './WebhookStateBadge';

interface Props {
  webhook: Webhook;
  /** The role may enable and disable. */
  canToggle: boolean;
  /** Another action runs: the toggle waits. */
  busy: boolean;
  toggling: boolean;
  onToggle: () => void;
}

/** A webhook's state (with the toggle) and its delivery health. */
export function WebhookSummary({ webhook: w, canToggle, busy, toggling, onToggle }: Props) {
  const health = w.health ?? {};
  return (
    <section className="card" aria-labelledby="webhook-summary-title" data-testid="webhook-summary">
      <h2 id="webhook-summary-title" className="section-title">
        State and health
      </h2>
      <dl className="props">
        <dt>State</dt>
        <dd>
          <WebhookStateBadge webhook={w} />
          {canToggle && (
            <button type="button" className="btn btn-sm" data-testid="webhook-toggle" disabled={busy} onClick={onToggle}>
              {toggling ? 'Saving…' : w.enabled ? 'Disable' : 'Enable'}
            </button>
          )}
        </dd>
        <dt>Pending</dt>
        <dd data-health="pending">{health.pending ?? 0}</dd>
        <dt>Exhausted</dt>
        <dd data-health="exhausted" className={health.exhausted ? 'text-danger strong' : undefined}>
          {health.exhausted ?? 0}
        </dd>
        <dt>Succeeded (last hour)</dt>
        <dd data-health="succeeded">{health.succeededLastHour ?? 0}</dd>
        <dt>Failed attempts (last hour)</dt>
        <dd data-health="failed-attempts">{health.failedAttemptsLastHour ?? 0}</dd>
        <dt>Last success</dt>
        <dd title={formatDateTime(health.lastSuccessAt)}>{health.lastSuccessAt ? formatRelative(health.lastSuccessAt) || formatDateTime(health.lastSuccessAt) : '—'}</dd>
        <dt>Last error</dt>
        <dd data-health="last-error" className={health.lastError ? 'text-danger' : undefined}>
          {health.lastError ?? '—'}
          {health.lastError && health.lastFailureAt && (
            <span className="muted small block" title={formatDateTime(health.lastFailureAt)}>
              {formatRelative(health.lastFailureAt)}
            </span>
          )}
        </dd>
        <dt>Created</dt>
        <dd>{formatDateTime(w.createdAt)}</dd>
      </dl>
    </section>
  );
}
