import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { ApiError } from '../shared/api';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { ErrorAlert, Notice } from '../shared/ErrorAlert';
import { formatDateTime } from '../shared/format';
import { isSessionEnd, useLoad } from '../shared/hooks';
import { Pager } from '../shared/Pager';
import { PageHeader } from '../shared/PageHeader';
import { PAGE_SIZE, useCursorPages } from '../shared/paging';
import { SearchPicker } from '../shared/SearchPicker';
import { Spinner } from '../shared/Spinner';
import { PICKER_LIMIT } from '../users/UserForm';
import { UserStatusBadge } from '../users/UserStatusBadge';
import { listUsers, type UserSummary } from '../users/usersApi';
import { GroupForm } from './GroupForm';
import { addGroupMember, deleteGroup, getGroup, listGroupMembers, removeGroupMember, updateGroup, type GroupInput } from './groupsApi';

/** The route: a fresh page (and state) for every group. */
export function GroupDetailRoute() {
  const { groupId = '' } = useParams();
  return <GroupDetailPage key={groupId} groupId={groupId} />;
}

/** One group: rename, describe, delete, and its members (add, remove), 50 a page. */
export function GroupDetailPage({ groupId }: { groupId: string }) {
  const { can } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [flash, setFlash] = useState(() => (location.state as { flash?: string } | null)?.flash);
  useEffect(() => {
    if (flash) navigate(location.pathname, { replace: true, state: null });
  }, []);
  const loadGroup = useCallback(() => getGroup(groupId), [groupId]);
  const group = useLoad(loadGroup, [groupId]);
  const loadMembers = useCallback((cursor: string | undefined) => listGroupMembers(groupId, { limit: PAGE_SIZE, cursor }), [groupId]);
  const members = useCursorPages(loadMembers, groupId);
  const [formVersion, setFormVersion] = useState(0);
  const [saved, setSaved] = useState(false);
  const [actionError, setActionError] = useState<unknown>();
  const [busy, setBusy] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const g = group.data;
  const operate = can('operate');
  const notFound = group.error instanceof ApiError && group.error.status === 404;

  const startAction = () => {
    setActionError(undefined);
    setFlash(undefined);
    setSaved(false);
  };

  const save = async (body: GroupInput) => {
    startAction();
    await updateGroup(groupId, body);
    await group.reload();
    setFormVersion((v) => v + 1);
    setSaved(true);
  };

  const addMember = async (user: UserSummary) => {
    startAction();
    await addGroupMember(groupId, user.id);
    members.reload();
    void group.reload();
    setFlash(`“${user.userName}” added to the group.`);
  };

  const removeMember = async (user: UserSummary) => {
    startAction();
    setBusy(user.id);
    try {
      await removeGroupMember(groupId, user.id);
      members.reload();
      void group.reload();
      setFlash(`“${user.userName}” removed from the group.`);
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(null);
    }
  };

  const remove = async () => {
    setBusy('delete');
    setActionError(undefined);
    try {
      await deleteGroup(groupId);
      navigate('/groups', { replace: true, state: { flash: `Group “${g?.name ?? groupId}” deleted.` } });
    } catch (e) {
      setConfirmDelete(false);
      setActionError(e);
      setBusy(null);
    }
  };

  const cancelDelete = useCallback(() => setConfirmDelete(false), []);
  const searchUsers = async (q: string) => (await listUsers({ q, limit: PICKER_LIMIT })).items ?? [];

  const breadcrumb = <Link to="/groups">← Groups</Link>;
  if (!g) {
    return (
      <>
        <PageHeader title="Group" breadcrumb={breadcrumb} />
        {notFound ? (
          <div className="empty-state" data-testid="group-not-found">
            <h2>This group does not exist</h2>
            <p>It may have been deleted.</p>
            <Link to="/groups" className="btn">
              Back to the groups
            </Link>
          </div>
        ) : group.error !== undefined ? (
          !isSessionEnd(group.error) && <ErrorAlert error={group.error} />
        ) : (
          <Spinner />
        )}
      </>
    );
  }

  const list = members.items;
  const memberIds = (list ?? []).map((m) => m.id);
  return (
    <>
      <PageHeader
        title={g.name}
        subtitle={
          <>
            Group · <span className="mono small">{g.id}</span>
          </>
        }
        breadcrumb={breadcrumb}
        actions={
          operate && (
            <button type="button" className="btn btn-danger" data-testid="group-delete" disabled={busy !== null} onClick={() => setConfirmDelete(true)}>
              Delete
            </button>
          )
        }
      />

      {flash && (
        <Notice tone="success" testId="flash">
          {flash}
        </Notice>
      )}
      <ErrorAlert error={actionError} />

      <div className="detail-grid">
        <section className="card" aria-labelledby="group-summary-title">
          <h2 id="group-summary-title" className="section-title">
            Summary
          </h2>
          <dl className="props">
            <dt>Members</dt>
            <dd data-testid="group-member-count">{g.memberCount ?? '—'}</dd>
            <dt>Created</dt>
            <dd>{formatDateTime(g.createdAt)}</dd>
            <dt>Updated</dt>
            <dd>{formatDateTime(g.updatedAt)}</dd>
          </dl>
        </section>
        <section className="card" aria-label="Name and description">
          {saved && <Notice tone="success">Changes saved.</Notice>}
          <GroupForm key={`${g.id}-${formVersion}`} mode="edit" group={g} readOnly={!operate} onSubmit={save} />
        </section>
      </div>

      <section className="card table-card" aria-labelledby="group-members-title" data-testid="group-members">
        <div className="card-header">
          <h2 id="group-members-title" className="section-title">
            Members
          </h2>
          <span className="muted small">Direct members, by user name.</span>
        </div>
        {operate && (
          <div className="card-toolbar">
            <SearchPicker<UserSummary>
              testId="member-picker"
              label="Add member"
              placeholder="Search users by name or email"
              search={searchUsers}
              describe={(u) => ({ id: u.id, label: u.userName, detail: [u.displayName, u.email].filter(Boolean).join(' · ') })}
              exclude={memberIds}
              disabled={busy !== null}
              onPick={addMember}
            />
          </div>
        )}
        {members.error !== undefined && !isSessionEnd(members.error) && (
          <div className="card-toolbar">
            <ErrorAlert error={members.error} />
          </div>
        )}
        {list === undefined ? (
          members.loading && (
            <div className="card-empty">
              <Spinner />
            </div>
          )
        ) : list.length === 0 ? (
          !members.loading && (
            <div className="card-empty" data-testid="group-members-empty">
              No members yet{operate ? ': search for users above to add them.' : '.'}
            </div>
          )
        ) : (
          <>
            <table className="table table-compact" data-testid="group-members-table" aria-busy={members.loading || undefined}>
              <thead>
                <tr>
                  <th scope="col">User name</th>
                  <th scope="col">Display name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Status</th>
                  {operate && (
                    <th scope="col" className="actions-col">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {list.map((m) => (
                  <tr key={m.id} data-testid="group-member-row" data-user-id={m.id} data-username={m.userName}>
                    <td>
                      <Link to={`/users/${encodeURIComponent(m.id)}`} className="strong-link">
                        {m.userName}
                      </Link>
                    </td>
                    <td>{m.displayName || <span className="muted">—</span>}</td>
                    <td className="wrap-anywhere">{m.email || <span className="muted">—</span>}</td>
                    <td>
                      <UserStatusBadge active={m.active !== false} />
                    </td>
                    {operate && (
                      <td className="actions-col">
                        <button
                          type="button"
                          className="btn btn-sm"
                          data-testid="group-member-remove"
                          aria-label={`Remove ${m.userName} from the group`}
                          disabled={busy !== null}
                          onClick={() => void removeMember(m)}
                        >
                          Remove
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager
              pageNumber={members.pageNumber}
              count={list.length}
              noun={['member', 'members']}
              hasPrevious={members.hasPrevious}
              hasNext={members.hasNext}
              busy={members.loading}
              onPrevious={members.previous}
              onNext={members.next}
              testId="group-members-pager"
            />
          </>
        )}
      </section>

      <ConfirmDialog
        open={confirmDelete}
        title={`Delete group “${g.name}”?`}
        confirmLabel={busy === 'delete' ? 'Deleting…' : 'Delete'}
        danger
        busy={busy === 'delete'}
        onConfirm={remove}
        onCancel={cancelDelete}
      >
        <p>The group is removed from the hub; its members stay. This cannot be undone.</p>
      </ConfirmDialog>
    </>
  );
}
