import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { ClickableRow } from '../shared/ClickableRow';
import { CursorPagedTable } from '../shared/CursorPagedTable';
import { EmptyState } from '../shared/EmptyState';
import { FilterSelect } from '../shared/FilterSelect';
import { FlashNotice } from '../shared/FlashNotice';
import { formatDateTime, formatRelative } from '../shared/format';
import { useDebouncedValue } from '../shared/hooks';
import { LinkCell } from '../shared/LinkCell';
import { NoValue } from '../shared/NoValue';
import { PageHeader } from '../shared/PageHeader';
import { PAGE_SIZE, useCursorPages } from '../shared/paging';
import { SearchForm } from '../shared/SearchForm';
import { useFlash } from '../shared/useFlash';
import { UserStatusBadge } from './UserStatusBadge';
import { listUsers, type UserStatus } from './usersApi';

type StatusFilter = 'all' | UserStatus;

const STATUS_OPTIONS: { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'disabled', label: 'Disabled' },
];

/** The users the hub knows, searched and filtered on the hub, 50 a page. */
export function UsersPage() {
  const { can } = useSession();
  // A message from the page that sent us here ("User … deleted."), shown once.
  const [flash] = useFlash();

  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const q = useDebouncedValue(search.trim());
  const load = useCallback(
    (cursor: string | undefined) => listUsers({ q, status: status === 'all' ? undefined : status, limit: PAGE_SIZE, cursor }),
    [q, status],
  );
  const pages = useCursorPages(load, JSON.stringify([q, status]));

  const filtered = q !== '' || status !== 'all';
  return (
    <>
      <PageHeader
        title="Users"
        subtitle="The people the hub knows, from the connected systems or added here."
        actions={
          can('operate') && (
            <Link to="/users/new" className="btn btn-primary" data-testid="add-user">
              + Add user
            </Link>
          )
        }
      />
      <FlashNotice message={flash} />
      <SearchForm label="Find users" id="user-search" placeholder="User name, name or email" value={search} onChange={setSearch}>
        <FilterSelect id="user-status-filter" label="Status" value={status} options={STATUS_OPTIONS} onChange={(v) => setStatus(v as StatusFilter)} />
        {(search !== '' || status !== 'all') && (
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => {
              setSearch('');
              setStatus('all');
            }}
          >
            Clear
          </button>
        )}
      </SearchForm>
      <CursorPagedTable
        pages={pages}
        noun={['user', 'users']}
        pagerTestId="users-pager"
        empty={
          filtered ? (
            <EmptyState testId="users-empty" title="No matching users">
              <p>No user matches these filters.</p>
            </EmptyState>
          ) : (
            <EmptyState testId="users-empty" title="No users yet">
              <p>Users arrive when a connector imports them, or you can add them here.</p>
              {can('operate') && (
                <Link to="/users/new" className="btn btn-primary">
                  Add the first user
                </Link>
              )}
            </EmptyState>
          )
        }
      >
        {(items) => (
          <table className="table table-compact" data-testid="users-table">
            <thead>
              <tr>
                <th scope="col">User name</th>
                <th scope="col">Display name</th>
                <th scope="col">Email</th>
                <th scope="col">Department</th>
                <th scope="col">Status</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {items.map((u) => {
                const to = `/users/${encodeURIComponent(u.id)}`;
                return (
                  <ClickableRow key={u.id} to={to} data-testid="user-row" data-user-id={u.id} data-username={u.userName}>
                    <LinkCell to={to}>{u.userName}</LinkCell>
                    <td>{u.displayName || <NoValue />}</td>
                    <td className="wrap-anywhere">{u.email || <NoValue />}</td>
                    <td>{u.department || <NoValue />}</td>
                    <td>
                      <UserStatusBadge active={u.active !== false} />
                    </td>
                    <td className="nowrap" title={formatDateTime(u.updatedAt)}>
                      <span className="muted">{formatRelative(u.updatedAt) || formatDateTime(u.updatedAt)}</span>
                    </td>
                  </ClickableRow>
                );
              })}
            </tbody>
          </table>
        )}
      </CursorPagedTable>
    </>
  );
}
