import { ActionsColumnHeader } from '../shared/ActionsColumnHeader';
import { LinkCell } from '../shared/LinkCell';
import { NoValue } from '../shared/NoValue';
import { Pager } from '../shared/Pager';
import type { CursorPages } from '../shared/paging';
import { RemoveButton } from '../shared/RemoveButton';
import { TableCard, TableCardBody } from '../shared/TableCard';
import { UserPicker } from '../users/UserPicker';
import { UserStatusBadge } from '../users/UserStatusBadge';
import type { UserSummary } from '../users/usersApi';

interface Props {
  members: CursorPages<UserSummary>;
  /** The admin may add and remove members. */
  operate: boolean;
  /** An action is running: adding and removing wait. */
  disabled: boolean;
  onAdd: (user: UserSummary) => Promise<void>;
  onRemove: (user: UserSummary) => void;
}

/** A group's direct members, 50 a page: add one with a user search, remove one by its row. */
export function GroupMembersCard({ members, operate, disabled, onAdd, onRemove }: Props) {
  const list = members.items;
  return (
    <TableCard id="group-members" title="Members" note="Direct members, by user name.">
      {operate && (
        <div className="card-toolbar">
          <UserPicker testId="member-picker" label="Add member" exclude={(list ?? []).map((m) => m.id)} disabled={disabled} onPick={onAdd} />
        </div>
      )}
      <TableCardBody
        items={list}
        loading={members.loading}
        error={members.error}
        emptyTestId="group-members-empty"
        empty={`No members yet${operate ? ': search for users above to add them.' : '.'}`}
      >
        {(items) => (
          <>
            <table className="table table-compact" data-testid="group-members-table" aria-busy={members.loading || undefined}>
              <thead>
                <tr>
                  <th scope="col">User name</th>
                  <th scope="col">Display name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Status</th>
                  {operate && <ActionsColumnHeader />}
                </tr>
              </thead>
              <tbody>
                {items.map((m) => (
                  <tr key={m.id} data-testid="group-member-row" data-user-id={m.id} data-username={m.userName}>
                    <LinkCell to={`/users/${encodeURIComponent(m.id)}`}>{m.userName}</LinkCell>
                    <td>{m.displayName || <NoValue />}</td>
                    <td className="wrap-anywhere">{m.email || <NoValue />}</td>
                    <td>
                      <UserStatusBadge active={m.active !== false} />
                    </td>
                    {operate && (
                      <td className="actions-col">
                        <RemoveButton testId="group-member-remove" label={`Remove ${m.userName} from the group`} disabled={disabled} onClick={() => onRemove(m)} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager pages={members} noun={['member', 'members']} testId="group-members-pager" />
          </>
        )}
      </TableCardBody>
    </TableCard>
  );
}
