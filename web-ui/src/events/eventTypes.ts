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
