import { createBrowserRouter, Navigate, RouterProvider, type RouteObject } from 'react-router';
import { adminRoutes } from './admins/routes';
import { auditRoutes } from './audit/routes';
import { RequireAuth } from './auth/RequireAuth';
import { authRoutes } from './auth/routes';
import { SessionProvider } from './auth/SessionProvider';
import { connectorRoutes } from './connectors/routes';
import { dashboardRoutes } from './dashboard/routes';
import { eventRoutes } from './events/routes';
import { groupRoutes } from './groups/routes';
import { pluginRoutes } from './plugins/routes';
import { provisioningRoutes } from './provisioning/routes';
import { AppLayout } from './shared/layout/AppLayout';
import { userRoutes } from './users/routes';
import { webhookRoutes } from './webhooks/routes';
import { NotFoundPage } from './shared/NotFoundPage';

/** Every route of the console; each feature folder contributes its own. */
export const routes: RouteObject[] = [
  ...authRoutes,
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { path: '/', element: <Navigate to="/dashboard" replace /> },
          ...dashboardRoutes,
          ...userRoutes,
          ...groupRoutes,
          ...connectorRoutes,
          ...provisioningRoutes,
          ...eventRoutes,
          ...webhookRoutes,
          ...pluginRoutes,
          ...auditRoutes,
          ...adminRoutes,
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

const router = createBrowserRouter(routes);

export function App() {
  return (
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  );
}
