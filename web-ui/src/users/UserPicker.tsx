import { PICKER_LIMIT, SearchPicker } from '../shared/SearchPicker';
import { listUsers, type UserSummary } from './usersApi';

interface Props {
  /** See SearchPicker: its input is `<testId>-input`, each result `<testId>-option`. */
  testId: string;
  label: string;
  onPick: (user: UserSummary) => Promise<void> | void;
  /** Ids of users not to offer. */
  exclude?: readonly string[];
  disabled?: boolean;
}

const searchUsers = async (q: string): Promise<UserSummary[]> => (await listUsers({ q, limit: PICKER_LIMIT })).items ?? [];

const describeUser = (u: UserSummary) => ({ id: u.id, label: u.userName, detail: [u.displayName, u.email].filter(Boolean).join(' · ') });

/** Picks a user, searched by name or email: the manager, a new group member. */
export function UserPicker({ testId, label, onPick, exclude, disabled }: Props) {
  return (
    <SearchPicker<UserSummary>
      testId={testId}
      label={label}
      placeholder="Search users by name or email"
      search={searchUsers}
      describe={describeUser}
      exclude={exclude}
      disabled={disabled}
      onPick={onPick}
    />
  );
}
