import type { RouteObject } from 'react-router';
import { LoginPage } from './LoginPage';
import { SetupPage } from './SetupPage';

/** Public routes: no session needed. */
export const authRoutes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { path: '/setup', element: <SetupPage /> },
];
