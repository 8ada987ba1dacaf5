import { StateBadge, type StateLook } from '../shared/StateBadge';
import type { DeliveryStatus } from './webhooksApi';

export const DELIVERY_STATUS_LOOKS: Record<DeliveryStatus, StateLook> = {
  pending: { tone: 'info', label: 'Pending' },
  succeeded: { tone: 'success', label: 'Succeeded' },
  exhausted: { tone: 'danger', label: 'Exhausted' },
};

/** A delivery's status, as `delivery-status` with the raw status in data-state. */
export function DeliveryStatusBadge({ status }: { status: string | undefined }) {
  return <StateBadge looks={DELIVERY_STATUS_LOOKS} state={status} testId="delivery-status" />;
}
