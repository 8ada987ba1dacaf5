import type { RouteObject } from 'react-router';
import { LiveEventsPage } from './LiveEventsPage';

export const eventRoutes: RouteObject[] = [{ path: '/events/live', element: <LiveEventsPage /> }];
