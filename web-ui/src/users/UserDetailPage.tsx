import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { addGroupMember, listGroups, removeGroupMember, type Group } from '../groups/groupsApi';
import { ApiError } from '../shared/api';
import { Badge, type Tone } from '../shared/Badge';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { ErrorAlert, Notice } from '../shared/ErrorAlert';
import { formatDateTime, formatRelative, humanize } from '../shared/format';
import { isSessionEnd, useLoad } from '../shared/hooks';
import { PageHeader } from '../shared/PageHeader';
import { SearchPicker } from '../shared/SearchPicker';
import { Spinner } from '../shared/Spinner';
import { PICKER_LIMIT, UserForm } from './UserForm';
import { UserStatusBadge } from './UserStatusBadge';
import { deleteUser, disableUser, enableUser, getUser, updateUser, userLabel, type GroupRef, type LinkedAccount, type UserInput } from './usersApi';

/** The route: a fresh page (and state) for every user. */
export function UserDetailRoute() {
  const { userId = '' } = useParams();
  return <UserDetailPage key={userId} userId={userId} />;
}

/** The tone of a linked account's state; the hub's states are shown as they come. */
export function accountTone(state: string | undefined): Tone {
  const s = (state ?? '').toLowerCase();
  if (/(error|fail|conflict)/.test(s)) return 'danger';
  if (/(inactive|disabled|suspended|deleted|orphan|unlinked|removed)/.test(s)) return 'neutral';
  if (/(pending|stale|warn)/.test(s)) return 'warning';
  if (/(active|linked|ok|synced|enabled|current)/.test(s)) return 'success';
  return 'info';
}

/** One user: status, groups, linked accounts, the attributes form, enable/disable, delete. */
export function UserDetailPage({ userId }: { userId: string }) {
  const { can } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [flash, setFlash] = useState(() => (location.state as { flash?: string } | null)?.flash);
  useEffect(() => {
    // Once, on mount: clear the message from history so a reload does not show it again.
    if (flash) navigate(location.pathname, { replace: true, state: null });
  }, []);
  const load = useCallback(() => getUser(userId), [userId]);
  const user = useLoad(load, [userId]);
  const [formVersion, setFormVersion] = useState(0);
  const [saved, setSaved] = useState(false);
  const [actionError, setActionError] = useState<unknown>();
  const [busy, setBusy] = useState<'toggle' | 'delete' | 'group' | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const u = user.data;
  const operate = can('operate');
  const notFound = user.error instanceof ApiError && user.error.status === 404;

  const startAction = () => {
    setActionError(undefined);
    setFlash(undefined);
    setSaved(false);
  };

  const toggleActive = async () => {
    if (!u) return;
    startAction();
    setBusy('toggle');
    try {
      await (u.active ? disableUser(u.id) : enableUser(u.id));
      await user.reload();
      setFlash(u.active ? `User “${u.userName}” disabled.` : `User “${u.userName}” enabled.`);
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(null);
    }
  };

  const save = async (body: UserInput) => {
    startAction();
    await updateUser(userId, body);
    await user.reload();
    setFormVersion((v) => v + 1);
    setSaved(true);
  };

  const addToGroup = async (group: Group) => {
    if (!u) return;
    startAction();
    await addGroupMember(group.id, u.id);
    await user.reload();
    setFlash(`“${u.userName}” added to the group “${group.name}”.`);
  };

  const removeFromGroup = async (group: GroupRef) => {
    if (!u) return;
    startAction();
    setBusy('group');
    try {
      await removeGroupMember(group.id, u.id);
      await user.reload();
      setFlash(`“${u.userName}” removed from the group “${group.name}”.`);
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
      await deleteUser(userId);
      navigate('/users', { replace: true, state: { flash: `User “${u?.userName ?? userId}” deleted.` } });
    } catch (e) {
      setConfirmDelete(false);
      setActionError(e);
      setBusy(null);
    }
  };

  const cancelDelete = useCallback(() => setConfirmDelete(false), []);
  const searchGroups = async (q: string) => (await listGroups({ q, limit: PICKER_LIMIT })).items ?? [];

  const breadcrumb = <Link to="/users">← Users</Link>;
  if (!u) {
    return (
      <>
        <PageHeader title="User" breadcrumb={breadcrumb} />
        {notFound ? (
          <div className="empty-state" data-testid="user-not-found">
            <h2>This user does not exist</h2>
            <p>It may have been deleted.</p>
            <Link to="/users" className="btn">
              Back to the users
            </Link>
          </div>
        ) : user.error !== undefined ? (
          !isSessionEnd(user.error) && <ErrorAlert error={user.error} />
        ) : (
          <Spinner />
        )}
      </>
    );
  }

  const groups = u.groups ?? [];
  const accounts = u.accounts ?? [];
  const emails = u.emails ?? [];
  return (
    <>
      <PageHeader
        title={u.displayName || u.userName}
        subtitle={
          <>
            <span data-testid="user-username">{u.userName}</span> · <span className="mono small">{u.id}</span>
          </>
        }
        breadcrumb={breadcrumb}
        actions={
          operate && (
            <>
              <button type="button" className="btn" data-testid="user-toggle-active" disabled={busy !== null} onClick={() => void toggleActive()}>
                {busy === 'toggle' ? (u.active ? 'Disabling…' : 'Enabling…') : u.active ? 'Disable' : 'Enable'}
              </button>
              <button type="button" className="btn btn-danger" data-testid="user-delete" disabled={busy !== null} onClick={() => setConfirmDelete(true)}>
                Delete
              </button>
            </>
          )
        }
      />

      {flash && (
        <Notice tone="success" testId="flash">
          {flash}
        </Notice>
      )}
      <ErrorAlert error={actionError} />
      {user.error !== undefined && !isSessionEnd(user.error) && (
        <Notice tone="warning">Could not refresh the user: {user.error instanceof ApiError ? user.error.message : 'unknown error'}</Notice>
      )}

      <div className="detail-grid">
        <div className="detail-column">
          <section className="card" aria-labelledby="user-status-title">
            <h2 id="user-status-title" className="section-title">
              Status
            </h2>
            <dl className="props">
              <dt>Status</dt>
              <dd>
                <UserStatusBadge active={u.active !== false} />
              </dd>
              <dt>Email</dt>
              <dd data-testid="user-primary-email">{emails[0] ?? <span className="muted">—</span>}</dd>
              <dt>Manager</dt>
              <dd>
                {u.manager ? (
                  <Link to={`/users/${encodeURIComponent(u.manager.id)}`}>{userLabel(u.manager)}</Link>
                ) : (
                  <span className="muted">—</span>
                )}
              </dd>
              <dt>Created</dt>
              <dd>{formatDateTime(u.createdAt)}</dd>
              <dt>Updated</dt>
              <dd>{formatDateTime(u.updatedAt)}</dd>
            </dl>
          </section>

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
                    {operate && (
                      <button
                        type="button"
                        className="btn btn-sm btn-ghost"
                        data-testid="user-group-remove"
                        aria-label={`Remove from ${g.name}`}
                        disabled={busy !== null}
                        onClick={() => void removeFromGroup(g)}
                      >
                        Remove
                      </button>
                    )}
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
                  disabled={busy !== null}
                  onPick={addToGroup}
                />
              </div>
            )}
          </section>
        </div>

        <section className="card" aria-label="Attributes">
          <h2 className="section-title">Attributes</h2>
          {saved && <Notice tone="success">Changes saved.</Notice>}
          <UserForm key={`${u.id}-${formVersion}`} mode="edit" user={u} readOnly={!operate} onSubmit={save} />
        </section>
      </div>

      <section className="card table-card" aria-labelledby="user-accounts-title" data-testid="user-accounts">
        <div className="card-header">
          <h2 id="user-accounts-title" className="section-title">
            Linked accounts
          </h2>
          <span className="muted small">The user’s accounts in the connected systems.</span>
        </div>
        {accounts.length === 0 ? (
          <div className="card-empty" data-testid="user-accounts-empty">
            No linked accounts yet: accounts are linked when a connector imports or provisions this user.
          </div>
        ) : (
          <AccountsTable accounts={accounts} />
        )}
      </section>

      <ConfirmDialog
        open={confirmDelete}
        title={`Delete user “${u.userName}”?`}
        confirmLabel={busy === 'delete' ? 'Deleting…' : 'Delete'}
        danger
        busy={busy === 'delete'}
        onConfirm={remove}
        onCancel={cancelDelete}
      >
        <p>The user leaves every group and is removed from the hub. This cannot be undone.</p>
      </ConfirmDialog>
    </>
  );
}

function AccountsTable({ accounts }: { accounts: LinkedAccount[] }) {
  return (
    <table className="table table-compact" data-testid="user-accounts-table">
      <thead>
        <tr>
          <th scope="col">Connector</th>
          <th scope="col">Type</th>
          <th scope="col">External id</th>
          <th scope="col">State</th>
          <th scope="col" className="nowrap">
            Last sync
          </th>
        </tr>
      </thead>
      <tbody>
        {accounts.map((a) => (
          <tr key={`${a.connectorId}/${a.externalId}`} data-testid="user-account-row" data-connector-id={a.connectorId}>
            <td>
              <Link to={`/connectors/${encodeURIComponent(a.connectorId)}`} className="strong-link">
                {a.connectorName || a.connectorId}
              </Link>
            </td>
            <td>{a.connectorType ?? <span className="muted">—</span>}</td>
            <td className="mono small wrap-anywhere">{a.externalId}</td>
            <td>
              {a.state ? (
                <Badge tone={accountTone(a.state)} testId="account-state" state={a.state}>
                  {humanize(a.state)}
                </Badge>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
            <td className="nowrap" title={a.lastSyncAt ? formatDateTime(a.lastSyncAt) : undefined}>
              {a.lastSyncAt ? formatRelative(a.lastSyncAt) || formatDateTime(a.lastSyncAt) : <span className="muted">Never</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
