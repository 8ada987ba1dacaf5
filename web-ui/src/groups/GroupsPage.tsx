import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { ErrorAlert, Notice } from '../shared/ErrorAlert';
import { isSessionEnd, useDebouncedValue } from '../shared/hooks';
import { Pager } from '../shared/Pager';
import { PageHeader } from '../shared/PageHeader';
import { PAGE_SIZE, useCursorPages } from '../shared/paging';
import { Spinner } from '../shared/Spinner';
import { GroupForm } from './GroupForm';
import { createGroup, listGroups, type GroupInput } from './groupsApi';

/** The groups, searched by name on the hub, 50 a page; add one in place. */
export function GroupsPage() {
  const { can } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [flash] = useState(() => (location.state as { flash?: string } | null)?.flash);
  useEffect(() => {
    if (flash) navigate(location.pathname, { replace: true, state: null });
  }, []);

  const [adding, setAdding] = useState(false);
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const load = useCallback((cursor: string | undefined) => listGroups({ q, limit: PAGE_SIZE, cursor }), [q]);
  const pages = useCursorPages(load, q);

  const create = async (body: GroupInput) => {
    const created = await createGroup(body);
    const flashText = `Group “${created?.name ?? body.name}” created.`;
    if (created?.id) navigate(`/groups/${encodeURIComponent(created.id)}`, { state: { flash: flashText } });
    else {
      setAdding(false);
      pages.reload();
    }
  };

  const items = pages.items;
  return (
    <>
      <PageHeader
        title="Groups"
        subtitle="Groups of users, from the connected systems or added here."
        actions={
          can('operate') &&
          !adding && (
            <button type="button" className="btn btn-primary" data-testid="add-group" onClick={() => setAdding(true)}>
              + Add group
            </button>
          )
        }
      />
      {flash && (
        <Notice tone="success" testId="flash">
          {flash}
        </Notice>
      )}
      {adding && (
        <section className="card">
          <GroupForm mode="create" onSubmit={create} onCancel={() => setAdding(false)} />
        </section>
      )}
      <form className="filters card" role="search" aria-label="Find groups" onSubmit={(e) => e.preventDefault()}>
        <div className="form-field search-field">
          <label htmlFor="group-search">Search</label>
          <input
            id="group-search"
            data-testid="group-search"
            type="search"
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            placeholder="Group name"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
      </form>
      {pages.error !== undefined && !isSessionEnd(pages.error) && <ErrorAlert error={pages.error} />}
      {items === undefined ? (
        pages.loading && <Spinner />
      ) : items.length === 0 ? (
        !pages.loading && (
          <div className="empty-state" data-testid="groups-empty">
            {q !== '' ? (
              <>
                <h2>No matching groups</h2>
                <p>No group name contains “{q}”.</p>
              </>
            ) : (
              <>
                <h2>No groups yet</h2>
                <p>Groups arrive when a connector imports them, or you can add them here.</p>
                {can('operate') && !adding && (
                  <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
                    Add the first group
                  </button>
                )}
              </>
            )}
          </div>
        )
      ) : (
        <div className="card table-card" aria-busy={pages.loading || undefined}>
          <table className="table table-compact" data-testid="groups-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Description</th>
                <th scope="col" className="num-col">
                  Members
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((g) => {
                const to = `/groups/${encodeURIComponent(g.id)}`;
                return (
                  <tr
                    key={g.id}
                    data-testid="group-row"
                    data-group-id={g.id}
                    data-name={g.name}
                    className="clickable"
                    onClick={(e) => {
                      if ((e.target as HTMLElement).closest('a, button')) return;
                      navigate(to);
                    }}
                  >
                    <td>
                      <Link to={to} className="strong-link">
                        {g.name}
                      </Link>
                    </td>
                    <td>{g.description || <span className="muted">—</span>}</td>
                    <td className="num-col" data-testid="group-member-count">
                      {g.memberCount ?? '—'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Pager
            pageNumber={pages.pageNumber}
            count={items.length}
            noun={['group', 'groups']}
            hasPrevious={pages.hasPrevious}
            hasNext={pages.hasNext}
            busy={pages.loading}
            onPrevious={pages.previous}
            onNext={pages.next}
            testId="groups-pager"
          />
        </div>
      )}
    </>
  );
}
