import type { RouteObject } from 'react-router';
import { RequirePermission } from '../auth/RequireAuth';
import { NewUserPage } from './NewUserPage';
import { UserDetailRoute } from './UserDetailPage';
import { UsersPage } from './UsersPage';

export const userRoutes: RouteObject[] = [
  { path: '/users', element: <UsersPage /> },
  {
    path: '/users/new',
    element: (
      <RequirePermission permission="operate">
        <NewUserPage />
      </RequirePermission>
    ),
  },
  { path: '/users/:userId', element: <UserDetailRoute /> },
];
