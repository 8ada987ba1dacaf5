import { Link } from 'react-router';
import { listGroups, type Group } from '../groups/groupsApi';
import { RemoveButton } from '../shared/RemoveButton';
import { PICKER_LIMIT, SearchPicker } from '../shared/SearchPicker';
import type { GroupRef } from './usersApi';

interface Props {
  groups: GroupRef[];
  /** The admin may add the user to groups and remove them. */
  operate: boolean;
  /** An action is running: adding and removing wait. */
  disabled: boolean;
  onAdd: (group: Group) => Promise<void>;
  onRemove: (group: GroupRef) => void;
}

const searchGroups = async (q: string) => (await listGroups({ q, limit: PICKER_LIMIT })).items ?? [];

/** The groups a user is a direct member of: add to one with a group search, remove from one. */
export function UserGroupsCard({ groups, operate, disabled, onAdd, onRemove }: Props) {
  return (
    <section className="card" aria-labelledby="user-groups-title" data-testid="user-groups">
      <h2 id="user-groups-title" className="section-title">
        Groups
      </h2>
      {groups.length === 0 ? (
        <p className="muted" data-testid="user-groups-empty">
          Not a member of any group.
        </p>
      ) : (
        <ul className="link-list">
          {groups.map((g) => (
            <li key={g.id} data-testid="user-group" data-group-id={g.id}>
              <Link to={`/groups/${encodeURIComponent(g.id)}`}>{g.name}</Link>
              {operate && <RemoveButton testId="user-group-remove" label={`Remove from ${g.name}`} ghost disabled={disabled} onClick={() => onRemove(g)} />}
            </li>
          ))}
        </ul>
      )}
      {operate && (
        <div className="add-control">
          <SearchPicker<Group>
            testId="group-picker"
            label="Add to group"
            placeholder="Search groups by name"
            search={searchGroups}
            describe={(g) => ({ id: g.id, label: g.name, detail: g.description })}
            exclude={groups.map((g) => g.id)}
            disabled={disabled}
            onPick={onAdd}
          />
        </div>
      )}
    </section>
  );
}
