import { StateBadge, type StateLook } from '../shared/StateBadge';
import type { TaskStatus } from './provisioningApi';

export const TASK_STATUS_LOOKS: Record<TaskStatus, StateLook> = {
  pending: { tone: 'info', label: 'Pending' },
  retrying: { tone: 'warning', label: 'Retrying' },
  succeeded: { tone: 'success', label: 'Succeeded' },
  failed: { tone: 'danger', label: 'Failed' },
  skipped: { tone: 'neutral', label: 'Skipped' },
};

/** A provisioning task's status, as `task-status` with the raw status in data-state. */
export function TaskStatusBadge({ status }: { status: string | undefined }) {
  return <StateBadge looks={TASK_STATUS_LOOKS} state={status} testId="task-status" />;
}
