import type { Webhook, WebhookDelivery } from './webhooksApi';

export const HOOK = '5e0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
export const GONE = '6f1d2b3c-4d5e-4f60-9b0c-1d2e3f4a5b6c';

/** A webhook as the hub lists it. */
export function webhook(fields: Partial<Webhook> = {}): Webhook {
  return {
    id: HOOK,
    url: 'https://hooks.example.com/slx',
    description: 'CRM sync',
    eventTypes: ['user.created', 'user.disabled'],
    enabled: true,
    disabledReason: null,
    maxInFlight: 10,
    previousSecretValidUntil: null,
    createdAt: '2025-03-01T09:00:00Z',
    updatedAt: '2025-03-01T09:00:00Z',
    health: { pending: 2, exhausted: 1, succeededLastHour: 40, failedAttemptsLastHour: 3, lastSuccessAt: '2025-03-01T10:00:00Z', lastFailureAt: '2025-03-01T10:01:00Z', lastError: 'HTTP 503' },
    ...fields,
  };
}

/** A delivery as the hub lists it. */
export function delivery(fields: Partial<WebhookDelivery> = {}): WebhookDelivery {
  return {
    id: 1,
    eventId: '101',
    eventType: 'user.created',
    subject: 'users/u1',
    status: 'succeeded',
    attempts: 1,
    nextAttemptAt: null,
    lastStatusCode: 204,
    lastError: null,
    createdAt: '2025-03-01T10:00:00Z',
    deliveredAt: '2025-03-01T10:00:01Z',
    ...fields,
  };
}
