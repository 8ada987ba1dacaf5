import type { RouteObject } from 'react-router';
import { RequirePermission } from '../auth/RequireAuth';
import { AuditPage } from './AuditPage';

export const auditRoutes: RouteObject[] = [
  {
    path: '/audit',
    element: (
      <RequirePermission permission="audit">
        <AuditPage />
      </RequirePermission>
    ),
  },
];
