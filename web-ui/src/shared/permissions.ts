import type { Role } from './api';

/**
 * The permissions the API names in x-permission. The console hides what the role cannot use;
 * the hub enforces the same rules.
 */
export type Permission = 'read' | 'operate' | 'configure' | 'audit' | 'admins';

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ['read', 'operate', 'configure', 'audit', 'admins'],
  operator: ['read', 'operate'],
  auditor: ['read', 'audit'],
};

export function can(role: Role | undefined, permission: Permission): boolean {
  return role !== undefined && (GRANTS[role] ?? []).includes(permission);
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  operator: 'Operator',
  auditor: 'Auditor',
};

/** The roles in the order the console lists them. */
export const ROLES: readonly Role[] = ['admin', 'operator', 'auditor'];

/** What each role may do, in one line. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'Everything, including settings, secrets and admin accounts.',
  operator: 'Start, stop and test connectors, run imports, manage users and groups; no settings or secrets.',
  auditor: 'Read-only, plus the audit log.',
};
