import { StateBadge, type StateLook } from '../shared/StateBadge';
import type { ImportStatus } from './importsApi';

const LOOKS: Record<ImportStatus, StateLook> = {
  running: { tone: 'info', label: 'Running' },
  succeeded: { tone: 'success', label: 'Succeeded' },
  failed: { tone: 'danger', label: 'Failed' },
  cancelled: { tone: 'neutral', label: 'Cancelled' },
  interrupted: { tone: 'warning', label: 'Interrupted' },
};

/** An import run's status, as `import-status` with the raw status in data-state. */
export function ImportStatusBadge({ status }: { status: string | undefined }) {
  return <StateBadge looks={LOOKS} state={status} testId="import-status" />;
}
