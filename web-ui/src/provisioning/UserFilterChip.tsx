import { useCallback } from 'react';
import { Link } from 'react-router';
import { useLoad } from '../shared/hooks';
import { getUser, userLabel } from '../users/usersApi';

interface Props {
  userId: string;
  /** Shows every user's entries again. */
  onClear: () => void;
}

/** The user a list is filtered by, named (by id until the user has loaded), with a way to drop it. */
export function UserFilterChip({ userId, onClear }: Props) {
  const load = useCallback(() => getUser(userId), [userId]);
  const user = useLoad(load, [userId]);
  return (
    <div className="form-field">
      <span className="field-label">User</span>
      <span className="filter-chip" data-testid="user-filter">
        <Link to={`/users/${encodeURIComponent(userId)}`}>{user.data ? userLabel(user.data) : userId}</Link>
        <button type="button" className="btn btn-sm btn-ghost" onClick={onClear}>
          All users
        </button>
      </span>
    </div>
  );
}
