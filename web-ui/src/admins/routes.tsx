import type { RouteObject } from 'react-router';
import { RequirePermission } from '../auth/RequireAuth';
import { AdminsPage } from './AdminsPage';

export const adminRoutes: RouteObject[] = [
  {
    path: '/admins',
    element: (
      <RequirePermission permission="admins">
        <AdminsPage />
      </RequirePermission>
    ),
  },
];
