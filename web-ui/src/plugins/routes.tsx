import type { RouteObject } from 'react-router';
import { PluginsPage } from './PluginsPage';

export const pluginRoutes: RouteObject[] = [{ path: '/plugins', element: <PluginsPage /> }];
