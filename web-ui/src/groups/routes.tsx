import type { RouteObject } from 'react-router';
import { GroupDetailRoute } from './GroupDetailPage';
import { GroupsPage } from './GroupsPage';

export const groupRoutes: RouteObject[] = [
  { path: '/groups', element: <GroupsPage /> },
  { path: '/groups/:groupId', element: <GroupDetailRoute /> },
];
