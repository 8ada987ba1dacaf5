import { humanize } from '../shared/format';
import type { TaskOperation } from './provisioningApi';

const OPERATION_LABELS: Record<TaskOperation, string> = {
  create: 'Create',
  update: 'Update',
  disable: 'Disable',
  enable: 'Enable',
  delete: 'Delete',
  password: 'Set password',
  add_member: 'Add to group',
  remove_member: 'Remove from group',
};

/** What a task does, in words ("Add to group"). */
export function operationLabel(operation: string): string {
  return Object.hasOwn(OPERATION_LABELS, operation) ? OPERATION_LABELS[operation as TaskOperation] : humanize(operation);
}
