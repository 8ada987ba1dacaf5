import { Navigate, Outlet, useLocation } from 'react-router';
import { EmptyState } from '../shared/EmptyState';
import { Spinner } from '../shared/Spinner';
import type { Permission } from '../shared/permissions';
import { useSession } from './SessionProvider';

/** Renders the nested routes for a logged-in admin; everyone else goes to /login. */
export function RequireAuth() {
  const { status, session } = useSession();
  const location = useLocation();
  if (status === 'loading') {
    return (
      <div className="boot">
        <Spinner label="Connecting to the hub…" />
      </div>
    );
  }
  if (!session) return <Navigate to="/login" replace state={{ from: location }} />;
  return <Outlet />;
}

/** Shows the page only to roles with the permission; others see why not. */
export function RequirePermission({ permission, children }: { permission: Permission; children: React.ReactNode }) {
  const { can } = useSession();
  if (!can(permission)) {
    return (
      <EmptyState testId="forbidden" title="Not available for your role">
        <p>Ask an administrator if you need access to this page.</p>
      </EmptyState>
    );
  }
  return <>{children}</>;
}
