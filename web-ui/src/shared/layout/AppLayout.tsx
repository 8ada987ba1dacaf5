import { NavLink, Outlet, useNavigate } from 'react-router';
import { useSession } from '../../auth/SessionProvider';
import { ROLE_LABELS } from '../permissions';
import { AdminsIcon, AuditIcon, ConnectorsIcon, DashboardIcon, GroupsIcon, LiveIcon, LogoutIcon, PluginsIcon, ProvisioningIcon, UsersIcon, WebhooksIcon } from './icons';
import { Logo } from './Logo';

/** The console frame: sidebar navigation, a header with the admin and logout, the page. */
export function AppLayout() {
  const { session, can, logout } = useSession();
  const navigate = useNavigate();
  const admin = session?.admin;

  const onLogout = async () => {
    await logout();
    navigate('/login', { replace: true });
  };

  return (
    <div className="app">
      <aside className="sidebar">
        <div className="sidebar-brand">
          <Logo />
          <div>
            <div className="brand-name">SLX Connect</div>
            <div className="brand-tag">Identity hub</div>
          </div>
        </div>
        <nav aria-label="Main">
          <NavLink to="/dashboard" className="nav-link">
            <DashboardIcon />
            <span>Dashboard</span>
          </NavLink>
          <NavLink to="/users" className="nav-link">
            <UsersIcon />
            <span>Users</span>
          </NavLink>
          <NavLink to="/groups" className="nav-link">
            <GroupsIcon />
            <span>Groups</span>
          </NavLink>
          <NavLink to="/connectors" className="nav-link">
            <ConnectorsIcon />
            <span>Connectors</span>
          </NavLink>
          <NavLink to="/provisioning" className="nav-link">
            <ProvisioningIcon />
            <span>Provisioning</span>
          </NavLink>
          <NavLink to="/events/live" className="nav-link">
            <LiveIcon />
            <span>Live changes</span>
          </NavLink>
          <NavLink to="/webhooks" className="nav-link">
            <WebhooksIcon />
            <span>Webhooks</span>
          </NavLink>
          <NavLink to="/plugins" className="nav-link">
            <PluginsIcon />
            <span>Plugins</span>
          </NavLink>
          {can('audit') && (
            <NavLink to="/audit" className="nav-link">
              <AuditIcon />
              <span>Audit log</span>
            </NavLink>
          )}
          {can('admins') && (
            <NavLink to="/admins" className="nav-link">
              <AdminsIcon />
              <span>Admins</span>
            </NavLink>
          )}
        </nav>
      </aside>
      <div className="main-column">
        <header className="topbar">
          <div className="topbar-title">Admin console</div>
          {admin && (
            <div className="topbar-user" data-testid="current-admin">
              <span className="avatar" aria-hidden="true">
                {admin.username.slice(0, 1).toUpperCase()}
              </span>
              <span className="user-name">{admin.username}</span>
              <span className={`role-pill role-${admin.role}`} data-testid="current-role">
                {ROLE_LABELS[admin.role] ?? admin.role}
              </span>
              <button type="button" className="btn btn-ghost btn-sm" onClick={onLogout}>
                <LogoutIcon />
                <span>Log out</span>
              </button>
            </div>
          )}
        </header>
        <main className="content">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
