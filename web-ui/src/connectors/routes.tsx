import type { RouteObject } from 'react-router';
import { RequirePermission } from '../auth/RequireAuth';
import { ConnectorDetailPage } from './ConnectorDetailPage';
import { ConnectorsPage } from './ConnectorsPage';
import { NewConnectorPage } from './NewConnectorPage';

export const connectorRoutes: RouteObject[] = [
  { path: '/connectors', element: <ConnectorsPage /> },
  {
    path: '/connectors/new',
    element: (
      <RequirePermission permission="configure">
        <NewConnectorPage />
      </RequirePermission>
    ),
  },
  { path: '/connectors/:id', element: <ConnectorDetailPage /> },
];
