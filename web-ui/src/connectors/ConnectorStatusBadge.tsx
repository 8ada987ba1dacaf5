import { Badge, type Tone } from '../shared/Badge';
import { formatDateTime } from '../shared/format';
import type { ConnectorStatus } from './connectorsApi';

const LOOK: Record<string, { tone: Tone; label: string }> = {
  running: { tone: 'success', label: 'Running' },
  degraded: { tone: 'warning', label: 'Reconnecting' },
  failing: { tone: 'danger', label: 'Failing' },
  stopped: { tone: 'neutral', label: 'Stopped' },
};

/**
 * Running green, reconnecting (degraded) amber, failing red, stopped grey; `data-state` carries
 * the raw state.
 */
export function ConnectorStatusBadge({ status }: { status: ConnectorStatus | undefined }) {
  const state = status?.state ?? 'unknown';
  const look = LOOK[state] ?? { tone: 'warning' as Tone, label: 'Unknown' };
  return (
    <Badge tone={look.tone} testId="connector-status" state={state} title={status?.since ? `Since ${formatDateTime(status.since)}` : undefined}>
      {look.label}
    </Badge>
  );
}
