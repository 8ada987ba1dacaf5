import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { ClickableRow } from '../shared/ClickableRow';
import { CursorPagedTable } from '../shared/CursorPagedTable';
import { EmptyState } from '../shared/EmptyState';
import { FlashNotice } from '../shared/FlashNotice';
import { useDebouncedValue } from '../shared/hooks';
import { LinkCell } from '../shared/LinkCell';
import { NoValue } from '../shared/NoValue';
import { PageHeader } from '../shared/PageHeader';
import { PAGE_SIZE, useCursorPages } from '../shared/paging';
import { SearchForm } from '../shared/SearchForm';
import { useFlash } from '../shared/useFlash';
import { GroupForm } from './GroupForm';
import { createGroup, listGroups, type GroupInput } from './groupsApi';

/** The groups, searched by name on the hub, 50 a page; add one in place. */
export function GroupsPage() {
  const { can } = useSession();
  const navigate = useNavigate();
  const [flash] = useFlash();

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
      <FlashNotice message={flash} />
      {adding && (
        <section className="card">
          <GroupForm mode="create" onSubmit={create} onCancel={() => setAdding(false)} />
        </section>
      )}
      <SearchForm label="Find groups" id="group-search" placeholder="Group name" value={search} onChange={setSearch} />
      <CursorPagedTable
        pages={pages}
        noun={['group', 'groups']}
        pagerTestId="groups-pager"
        empty={
          q !== '' ? (
            <EmptyState testId="groups-empty" title="No matching groups">
              <p>No group name contains “{q}”.</p>
            </EmptyState>
          ) : (
            <EmptyState testId="groups-empty" title="No groups yet">
              <p>Groups arrive when a connector imports them, or you can add them here.</p>
              {can('operate') && !adding && (
                <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
                  Add the first group
                </button>
              )}
            </EmptyState>
          )
        }
      >
        {(items) => (
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
                  <ClickableRow key={g.id} to={to} data-testid="group-row" data-group-id={g.id} data-name={g.name}>
                    <LinkCell to={to}>{g.name}</LinkCell>
                    <td>{g.description || <NoValue />}</td>
                    <td className="num-col" data-testid="group-member-count">
                      {g.memberCount ?? '—'}
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
