import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { ActionsColumnHeader } from '../shared/ActionsColumnHeader';
import { Badge } from '../shared/Badge';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { EmptyState } from '../shared/EmptyState';
import { ErrorAlert } from '../shared/ErrorAlert';
import { FlashNotice } from '../shared/FlashNotice';
import { formatDateTime, formatRelative } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { LoadedTable } from '../shared/LoadedTable';
import { PageHeader } from '../shared/PageHeader';
import { ROLE_LABELS, ROLES } from '../shared/permissions';
import { AddAdminForm } from './AddAdminForm';
import { deleteAdmin, listAdmins, updateAdmin, type Admin, type AdminUpdate, type Role } from './adminsApi';
import { ResetPasswordDialog } from './ResetPasswordDialog';

/** The admin accounts: add one, change a role, enable or disable, reset a password, delete. */
export function AdminsPage() {
  const { session, logout } = useSession();
  const navigate = useNavigate();
  const me = session?.admin.username;
  const admins = useLoad(listAdmins, []);
  const [adding, setAdding] = useState(false);
  const [flash, setFlash] = useState<string>();
  const [actionError, setActionError] = useState<unknown>();
  /** The row an action is running for, with the role it is being given (shown meanwhile). */
  const [pending, setPending] = useState<{ username: string; role?: Role } | null>(null);
  const [resetting, setResetting] = useState<Admin>();
  const [deleting, setDeleting] = useState<Admin>();
  const [deleteBusy, setDeleteBusy] = useState(false);

  const startAction = () => {
    setActionError(undefined);
    setFlash(undefined);
  };

  const change = async (admin: Admin, body: AdminUpdate, done: string) => {
    startAction();
    setPending({ username: admin.username, role: body.role });
    try {
      await updateAdmin(admin.username, body);
      setFlash(done);
      await admins.reload();
    } catch (e) {
      setActionError(e);
    } finally {
      setPending(null);
    }
  };

  const created = async (admin: Admin) => {
    setAdding(false);
    startAction();
    setFlash(`Admin “${admin.username}” created with the ${ROLE_LABELS[admin.role] ?? admin.role} role.`);
    await admins.reload();
  };

  const resetPassword = async (password: string) => {
    if (!resetting) return;
    const admin = resetting;
    await updateAdmin(admin.username, { password });
    setResetting(undefined);
    if (admin.username === me) {
      // The hub ended this session along with the others: log in again with the new password.
      await logout();
      navigate('/login', { replace: true });
      return;
    }
    startAction();
    setFlash(`Password of “${admin.username}” reset: their sessions have ended.`);
  };

  const remove = async () => {
    if (!deleting) return;
    const admin = deleting;
    startAction();
    setDeleteBusy(true);
    try {
      await deleteAdmin(admin.username);
      setFlash(`Admin “${admin.username}” deleted.`);
      await admins.reload();
    } catch (e) {
      setActionError(e);
    } finally {
      setDeleteBusy(false);
      setDeleting(undefined);
    }
  };

  const cancelReset = useCallback(() => setResetting(undefined), []);
  const cancelDelete = useCallback(() => setDeleting(undefined), []);

  return (
    <>
      <PageHeader
        title="Admins"
        subtitle="Who can log in to the console and the API, and what their role lets them do."
        actions={
          !adding && (
            <button type="button" className="btn btn-primary" data-testid="add-admin" onClick={() => setAdding(true)}>
              + Add admin
            </button>
          )
        }
      />
      <FlashNotice message={flash} />
      <ErrorAlert error={actionError} />
      {adding && (
        <section className="card">
          <AddAdminForm onCreated={created} onCancel={() => setAdding(false)} />
        </section>
      )}
      <LoadedTable
        loaded={admins}
        empty={
          <EmptyState testId="admins-empty" title="No admin accounts">
            <p>Add one to let someone else log in.</p>
          </EmptyState>
        }
      >
        {(list) => (
          <table className="table table-compact" data-testid="admins-table">
            <thead>
              <tr>
                <th scope="col">Username</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col" className="nowrap">Last login</th>
                <ActionsColumnHeader />
              </tr>
            </thead>
            <tbody>
              {list.map((a) => {
                const self = a.username === me;
                const enabled = a.enabled !== false;
                const busy = pending !== null || deleteBusy;
                const role = pending?.username === a.username && pending.role ? pending.role : a.role;
                return (
                  <tr key={a.username} data-testid="admin-row" data-username={a.username} data-self={self ? 'true' : undefined}>
                    <td>
                      <span className="strong">{a.username}</span>
                      {self && (
                        <span className="chip you-chip" data-testid="admin-self">
                          you
                        </span>
                      )}
                    </td>
                    <td>
                      <select
                        className="role-select"
                        data-testid="admin-role-select"
                        aria-label={`Role of ${a.username}`}
                        title={self ? 'Another admin can change your role' : undefined}
                        value={role}
                        disabled={busy || self}
                        onChange={(e) => {
                          const next = e.target.value as Role;
                          void change(a, { role: next }, `“${a.username}” now has the ${ROLE_LABELS[next]} role.`);
                        }}
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {ROLE_LABELS[r]}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <Badge tone={enabled ? 'success' : 'neutral'} testId="admin-enabled" state={enabled ? 'enabled' : 'disabled'}>
                        {enabled ? 'Enabled' : 'Disabled'}
                      </Badge>
                    </td>
                    <td>
                      {formatDateTime(a.createdAt)}
                    </td>
                    <td data-testid="admin-last-login" title={a.lastLoginAt ? formatDateTime(a.lastLoginAt) : undefined}>
                      {a.lastLoginAt ? formatRelative(a.lastLoginAt) || formatDateTime(a.lastLoginAt) : <span className="muted">Never</span>}
                    </td>
                    <td className="actions-col">
                      <span className="row-actions">
                        <button
                          type="button"
                          className="btn btn-sm"
                          data-testid="admin-toggle-enabled"
                          disabled={busy || self}
                          title={self ? 'You cannot disable your own account' : undefined}
                          onClick={() =>
                            void change(a, { enabled: !enabled }, enabled ? `Admin “${a.username}” disabled: their sessions have ended.` : `Admin “${a.username}” enabled.`)
                          }
                        >
                          {enabled ? 'Disable' : 'Enable'}
                        </button>
                        <button type="button" className="btn btn-sm" data-testid="admin-reset-password" disabled={busy} onClick={() => setResetting(a)}>
                          Reset password
                        </button>
                        <button
                          type="button"
                          className="btn btn-sm btn-danger"
                          data-testid="admin-delete"
                          disabled={busy || self}
                          title={self ? 'You cannot delete your own account' : undefined}
                          onClick={() => setDeleting(a)}
                        >
                          Delete
                        </button>
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </LoadedTable>

      {resetting && <ResetPasswordDialog admin={resetting} self={resetting.username === me} onSubmit={resetPassword} onCancel={cancelReset} />}

      <ConfirmDialog
        open={deleting !== undefined}
        title={`Delete admin “${deleting?.username ?? ''}”?`}
        confirmLabel={deleteBusy ? 'Deleting…' : 'Delete'}
        danger
        busy={deleteBusy}
        onConfirm={remove}
        onCancel={cancelDelete}
      >
        <p>The account can no longer log in and its sessions end. This cannot be undone.</p>
      </ConfirmDialog>
    </>
  );
}
