import type { Correlation, Direction, Operation, Provisioning } from './connectorsApi';

export const DIRECTIONS: readonly { value: Direction; label: string; description: string }[] = [
  { value: 'source', label: 'Source', description: 'Feeds the hub: its users and groups are imported, and the hub changes nothing in it.' },
  { value: 'target', label: 'Target', description: 'Receives the hub’s changes: the hub carries out the operations chosen below in it.' },
  { value: 'both', label: 'Both', description: 'Feeds the hub and receives its changes.' },
];

/** What a target can receive, and the capability its type needs for it. */
export const OPERATIONS: readonly { value: Operation; label: string; capability: string }[] = [
  { value: 'create', label: 'Create new users', capability: 'CREATE_USER' },
  { value: 'update', label: 'Update attributes', capability: 'UPDATE_USER' },
  { value: 'disable', label: 'Disable and enable', capability: 'DISABLE_USER' },
  { value: 'delete', label: 'Delete users', capability: 'DELETE_USER' },
  { value: 'password', label: 'Set passwords', capability: 'SET_PASSWORD' },
  { value: 'groups', label: 'Group membership', capability: 'GROUP_MEMBERSHIP' },
];

export const CORRELATIONS: readonly { value: Correlation; label: string }[] = [
  { value: 'userName', label: 'User name' },
  { value: 'email', label: 'Primary email' },
  { value: 'employeeNumber', label: 'Employee number' },
  { value: 'none', label: 'Never match: always add a new user' },
];

/** A connector's provisioning with the hub's defaults (a source, sending nothing, matched by user name). */
export function withDefaults(provisioning: Provisioning | null | undefined): Required<Provisioning> {
  return {
    direction: provisioning?.direction ?? 'source',
    operations: provisioning?.operations ?? [],
    correlation: provisioning?.correlation ?? 'userName',
  };
}

/** A target (or both) receives the hub's changes; a source does not. */
export const receivesChanges = (direction: Direction) => direction !== 'source';

/** What to send: a source receives nothing, whatever was ticked before it became one. */
export function provisioningBody(provisioning: Required<Provisioning>): Required<Provisioning> {
  const operations = receivesChanges(provisioning.direction) ? OPERATIONS.map((o) => o.value).filter((op) => provisioning.operations.includes(op)) : [];
  return { ...provisioning, operations };
}
