import { humanize } from '../shared/format';

const EVENT_LABELS: Readonly<Record<string, string>> = {
  'user.created': 'User created',
  'user.updated': 'Attributes changed',
  'user.disabled': 'Disabled',
  'user.enabled': 'Enabled',
  'user.deleted': 'Deleted',
  'user.password_changed': 'Password set',
  'account.linked': 'Account linked',
  'account.unlinked': 'Account unlinked',
  'group.created': 'Group created',
  'group.updated': 'Group changed',
  'group.deleted': 'Group deleted',
  'group.member_added': 'Added to a group',
  'group.member_removed': 'Removed from a group',
  'provisioning.failed': 'Provisioning failed',
};

/** A change event's type in words: `user.updated` → "Attributes changed"; unknown ones humanized. */
export function eventLabel(type: string): string {
  return Object.hasOwn(EVENT_LABELS, type) ? EVENT_LABELS[type] : humanize(type.replace(/\./g, ' '));
}

/** A failure, shown in red. */
export const isFailure = (type: string) => type.endsWith('.failed');

/** The event types a webhook can subscribe to, by what they are about (the hub's catalogue). */
export const EVENT_CATALOGUE: readonly { title: string; types: readonly string[] }[] = [
  { title: 'Users', types: ['user.created', 'user.updated', 'user.disabled', 'user.enabled', 'user.deleted', 'user.password_changed'] },
  { title: 'Groups', types: ['group.created', 'group.updated', 'group.deleted', 'group.member_added', 'group.member_removed'] },
  { title: 'Provisioning', types: ['provisioning.failed'] },
];
