import type { RouteObject } from 'react-router';
import { ProvisioningPage } from './ProvisioningPage';

export const provisioningRoutes: RouteObject[] = [{ path: '/provisioning', element: <ProvisioningPage /> }];
