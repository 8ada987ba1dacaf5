import type { RouteObject } from 'react-router';
import { WebhookDetailRoute } from './WebhookDetailPage';
import { WebhooksPage } from './WebhooksPage';

export const webhookRoutes: RouteObject[] = [
  { path: '/webhooks', element: <WebhooksPage /> },
  { path: '/webhooks/:webhookId', element: <WebhookDetailRoute /> },
];
