import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { UserHistoryCard } from '../events/UserHistoryCard';
import { addGroupMember, removeGroupMember, type Group } from '../groups/groupsApi';
import { UserProvisioningCard } from '../provisioning/UserProvisioningCard';
import { Badge, type Tone } from '../shared/Badge';
import { ConfirmDeleteDialog } from '../shared/ConfirmDeleteDialog';
import { DeleteButton } from '../shared/DeleteButton';
import { DetailPageFallback } from '../shared/DetailPageFallback';
import { ErrorAlert, Notice } from '../shared/ErrorAlert';
import { FlashNotice } from '../shared/FlashNotice';
import { formatDateTime, formatRelative, humanize } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { LinkCell } from '../shared/LinkCell';
import { NoValue } from '../shared/NoValue';
import { PageHeader } from '../shared/PageHeader';
import { RefreshFailedNotice } from '../shared/RefreshFailedNotice';
import { TableCard } from '../shared/TableCard';
import { useConfirmDelete } from '../shared/useConfirmDelete';
import { useFlash } from '../shared/useFlash';
import { usePageActions } from '../shared/usePageActions';
import { SetPasswordDialog } from './SetPasswordDialog';
import { UserForm } from './UserForm';
import { UserGroupsCard } from './UserGroupsCard';
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

/**
 * One user: status, groups, linked accounts, the attributes form, enable/disable, set password,
 * delete, and what happened to the user (provisioning tasks, change history).
 */
export function UserDetailPage({ userId }: { userId: string }) {
  const { can } = useSession();
  const [flash, setFlash] = useFlash();
  const load = useCallback(() => getUser(userId), [userId]);
  const user = useLoad(load, [userId]);
  const [formVersion, setFormVersion] = useState(0);
  const [saved, setSaved] = useState(false);
  const [settingPassword, setSettingPassword] = useState(false);
  /** Bumped after each change: the provisioning and history cards load again. */
  const [version, setVersion] = useState(0);
  const actions = usePageActions<'toggle' | 'delete' | 'group'>(() => {
    setFlash(undefined);
    setSaved(false);
  });

  const u = user.data;
  const operate = can('operate');
  const busy = actions.busy;
  const deletion = useConfirmDelete({
    actions,
    remove: () => deleteUser(userId),
    leaveTo: '/users',
    flash: `User “${u?.userName ?? userId}” deleted.`,
  });

  /** After a change: the user, and what the change caused, load again. */
  const changed = async () => {
    await user.reload();
    setVersion((v) => v + 1);
  };

  const closePasswordDialog = useCallback(() => setSettingPassword(false), []);

  const toggleActive = async () => {
    if (!u) return;
    await actions.run('toggle', async () => {
      await (u.active ? disableUser(u.id) : enableUser(u.id));
      await changed();
      setFlash(u.active ? `User “${u.userName}” disabled.` : `User “${u.userName}” enabled.`);
    });
  };

  const save = async (body: UserInput) => {
    actions.start();
    await updateUser(userId, body);
    await changed();
    setFormVersion((v) => v + 1);
    setSaved(true);
  };

  const addToGroup = async (group: Group) => {
    if (!u) return;
    actions.start();
    await addGroupMember(group.id, u.id);
    await changed();
    setFlash(`“${u.userName}” added to the group “${group.name}”.`);
  };

  const removeFromGroup = (group: GroupRef) => {
    if (!u) return;
    void actions.run('group', async () => {
      await removeGroupMember(group.id, u.id);
      await changed();
      setFlash(`“${u.userName}” removed from the group “${group.name}”.`);
    });
  };

  const breadcrumb = <Link to="/users">← Users</Link>;
  if (!u) {
    return <DetailPageFallback noun="user" listPath="/users" listNoun="users" breadcrumb={breadcrumb} error={user.error} />;
  }

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
              <button
                type="button"
                className="btn"
                data-testid="user-set-password"
                disabled={busy !== null}
                onClick={() => {
                  actions.start();
                  setSettingPassword(true);
                }}
              >
                Set password
              </button>
              <button type="button" className="btn" data-testid="user-toggle-active" disabled={busy !== null} onClick={() => void toggleActive()}>
                {busy === 'toggle' ? (u.active ? 'Disabling…' : 'Enabling…') : u.active ? 'Disable' : 'Enable'}
              </button>
              <DeleteButton testId="user-delete" disabled={busy !== null} onClick={deletion.ask} />
            </>
          )
        }
      />

      <FlashNotice message={flash} />
      <ErrorAlert error={actions.error} />
      <RefreshFailedNotice what="the user" error={user.error} />

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
              <dd data-testid="user-primary-email">{emails[0] ?? <NoValue />}</dd>
              <dt>Manager</dt>
              <dd>
                {u.manager ? (
                  <Link to={`/users/${encodeURIComponent(u.manager.id)}`}>{userLabel(u.manager)}</Link>
                ) : (
                  <NoValue />
                )}
              </dd>
              <dt>Created</dt>
              <dd>{formatDateTime(u.createdAt)}</dd>
              <dt>Updated</dt>
              <dd>{formatDateTime(u.updatedAt)}</dd>
            </dl>
          </section>

          <UserGroupsCard groups={u.groups ?? []} operate={operate} disabled={busy !== null} onAdd={addToGroup} onRemove={removeFromGroup} />
        </div>

        <section className="card" aria-label="Attributes">
          <h2 className="section-title">Attributes</h2>
          {saved && <Notice tone="success">Changes saved.</Notice>}
          <UserForm key={`${u.id}-${formVersion}`} mode="edit" user={u} readOnly={!operate} onSubmit={save} />
        </section>
      </div>

      <TableCard id="user-accounts" title="Linked accounts" note="The user’s accounts in the connected systems.">
        {accounts.length === 0 ? (
          <div className="card-empty" data-testid="user-accounts-empty">
            No linked accounts yet: accounts are linked when a connector imports or provisions this user.
          </div>
        ) : (
          <AccountsTable accounts={accounts} />
        )}
      </TableCard>

      <UserProvisioningCard userId={u.id} version={version} />
      <UserHistoryCard userId={u.id} version={version} />

      {settingPassword && <SetPasswordDialog user={u} onSent={() => setVersion((v) => v + 1)} onClose={closePasswordDialog} />}

      <ConfirmDeleteDialog deletion={deletion} title={`Delete user “${u.userName}”?`}>
        <p>The user leaves every group and is removed from the hub. This cannot be undone.</p>
      </ConfirmDeleteDialog>
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
            <LinkCell to={`/connectors/${encodeURIComponent(a.connectorId)}`}>{a.connectorName || a.connectorId}</LinkCell>
            <td>{a.connectorType ?? <NoValue />}</td>
            <td className="mono small wrap-anywhere">{a.externalId}</td>
            <td>
              {a.state ? (
                <Badge tone={accountTone(a.state)} testId="account-state" state={a.state}>
                  {humanize(a.state)}
                </Badge>
              ) : (
                <NoValue />
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
