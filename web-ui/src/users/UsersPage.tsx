import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { ErrorAlert, Notice } from '../shared/ErrorAlert';
import { formatDateTime, formatRelative } from '../shared/format';
import { isSessionEnd, useDebouncedValue } from '../shared/hooks';
import { Pager } from '../shared/Pager';
import { PageHeader } from '../shared/PageHeader';
import { PAGE_SIZE, useCursorPages } from '../shared/paging';
import { Spinner } from '../shared/Spinner';
import { UserStatusBadge } from './UserStatusBadge';
import { listUsers, type UserStatus } from './usersApi';

type StatusFilter = 'all' | UserStatus;

/** The users the hub knows, searched and filtered on the hub, 50 a page. */
export function UsersPage() {
  const { can } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  // A message from the page that sent us here ("User … deleted."), shown once.
  const [flash] = useState(() => (location.state as { flash?: string } | null)?.flash);
  useEffect(() => {
    if (flash) navigate(location.pathname, { replace: true, state: null });
  }, []);

  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const q = useDebouncedValue(search.trim());
  const load = useCallback(
    (cursor: string | undefined) => listUsers({ q, status: status === 'all' ? undefined : status, limit: PAGE_SIZE, cursor }),
    [q, status],
  );
  const pages = useCursorPages(load, JSON.stringify([q, status]));

  const filtered = q !== '' || status !== 'all';
  const items = pages.items;
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
      {flash && (
        <Notice tone="success" testId="flash">
          {flash}
        </Notice>
      )}
      <form className="filters card" role="search" aria-label="Find users" onSubmit={(e) => e.preventDefault()}>
        <div className="form-field search-field">
          <label htmlFor="user-search">Search</label>
          <input
            id="user-search"
            data-testid="user-search"
            type="search"
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            placeholder="User name, name or email"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <div className="form-field">
          <label htmlFor="user-status-filter">Status</label>
          <select id="user-status-filter" data-testid="user-status-filter" value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
            <option value="all">All</option>
            <option value="active">Active</option>
            <option value="disabled">Disabled</option>
          </select>
        </div>
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
      </form>
      {pages.error !== undefined && !isSessionEnd(pages.error) && <ErrorAlert error={pages.error} />}
      {items === undefined ? (
        pages.loading && <Spinner />
      ) : items.length === 0 ? (
        !pages.loading && (
          <div className="empty-state" data-testid="users-empty">
            {filtered ? (
              <>
                <h2>No matching users</h2>
                <p>No user matches these filters.</p>
              </>
            ) : (
              <>
                <h2>No users yet</h2>
                <p>Users arrive when a connector imports them, or you can add them here.</p>
                {can('operate') && (
                  <Link to="/users/new" className="btn btn-primary">
                    Add the first user
                  </Link>
                )}
              </>
            )}
          </div>
        )
      ) : (
        <div className="card table-card" aria-busy={pages.loading || undefined}>
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
                  <tr
                    key={u.id}
                    data-testid="user-row"
                    data-user-id={u.id}
                    data-username={u.userName}
                    className="clickable"
                    onClick={(e) => {
                      if ((e.target as HTMLElement).closest('a, button')) return;
                      navigate(to);
                    }}
                  >
                    <td>
                      <Link to={to} className="strong-link">
                        {u.userName}
                      </Link>
                    </td>
                    <td>{u.displayName || <span className="muted">—</span>}</td>
                    <td className="wrap-anywhere">{u.email || <span className="muted">—</span>}</td>
                    <td>{u.department || <span className="muted">—</span>}</td>
                    <td>
                      <UserStatusBadge active={u.active !== false} />
                    </td>
                    <td className="nowrap" title={formatDateTime(u.updatedAt)}>
                      <span className="muted">{formatRelative(u.updatedAt) || formatDateTime(u.updatedAt)}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Pager
            pageNumber={pages.pageNumber}
            count={items.length}
            noun={['user', 'users']}
            hasPrevious={pages.hasPrevious}
            hasNext={pages.hasNext}
            busy={pages.loading}
            onPrevious={pages.previous}
            onNext={pages.next}
            testId="users-pager"
          />
        </div>
      )}
    </>
  );
}
