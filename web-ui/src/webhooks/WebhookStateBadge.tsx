import { Badge } from '../shared/Badge';
import type { Webhook } from './webhooksApi';

/** Enabled or disabled, as `webhook-state` (data-state); when the hub disabled it, why. */
export function WebhookStateBadge({ webhook }: { webhook: Webhook }) {
  return (
    <>
      <Badge tone={webhook.enabled ? 'success' : 'neutral'} testId="webhook-state" state={webhook.enabled ? 'enabled' : 'disabled'}>
        {webhook.enabled ? 'Enabled' : 'Disabled'}
      </Badge>
      {!webhook.enabled && webhook.disabledReason && (
        <span className="small text-danger block" data-testid="webhook-disabled-reason">
          {webhook.disabledReason}
        </span>
      )}
    </>
  );
}
