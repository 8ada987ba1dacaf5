import { api } from '../shared/api';
import type { Page } from '../shared/paging';

/** Delivery health of a subscription over the last hour and now. */
export interface WebhookHealth {
  /** Deliveries waiting or being retried. */
  pending?: number;
  /** Deliveries that failed for good and can be replayed. */
  exhausted?: number;
  succeededLastHour?: number;
  failedAttemptsLastHour?: number;
  lastSuccessAt?: string | null;
  lastFailureAt?: string | null;
  lastError?: string | null;
}

/** A webhook subscription: where the hub sends which change events, signed with its secret. */
export interface Webhook {
  id: string;
  url: string;
  description?: string | null;
  /** Empty: every type. */
  eventTypes: string[];
  enabled: boolean;
  /** Why the hub disabled it (the endpoint answered 410 Gone), when it did. */
  disabledReason?: string | null;
  maxInFlight: number;
  /** While a rotation runs, the old secret signs too until then. */
  previousSecretValidUntil?: string | null;
  createdAt?: string;
  updatedAt?: string;
  health?: WebhookHealth;
}

/** The answer of create and rotate: the only time the hub shows the secret. */
export interface WebhookWithSecret {
  webhook: Webhook;
  /** `whsec_` followed by the base64 key. */
  secret: string;
}

export interface WebhookInput {
  url: string;
  description?: string;
  eventTypes: string[];
  maxInFlight: number;
}

export type WebhookUpdate = Partial<WebhookInput> & { enabled?: boolean };

export type DeliveryStatus = 'pending' | 'succeeded' | 'exhausted';

/** One try at sending a delivery. */
export interface DeliveryAttempt {
  at: string;
  /** Null when no answer came. */
  statusCode?: number | null;
  durationMs?: number;
  error?: string | null;
  /** The first bytes of the answer. */
  response?: string | null;
}

/** An event sent (or being sent) to a subscription. */
export interface WebhookDelivery {
  id: number;
  /** Null for a test event. */
  eventId?: string | null;
  eventType: string;
  subject?: string | null;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt?: string | null;
  lastStatusCode?: number | null;
  lastError?: string | null;
  createdAt: string;
  deliveredAt?: string | null;
  /** Each attempt, oldest first (single delivery only). */
  log?: DeliveryAttempt[];
  /** The CloudEvent sent (single delivery only). */
  payload?: Record<string, unknown>;
}

/** How often lists of webhooks ask for fresh delivery health. */
export const HEALTH_POLL_MS = 30_000;

/** The default of `maxInFlight`, and its bounds. */
export const MAX_IN_FLIGHT = { default: 10, min: 1, max: 100 } as const;

const path = (id: string) => `/api/v1/webhooks/${encodeURIComponent(id)}`;
const deliveryPath = (id: string, deliveryId: number) => `${path(id)}/deliveries/${encodeURIComponent(String(deliveryId))}`;

export const listWebhooks = async () => (await api.get<{ items?: Webhook[] }>('/api/v1/webhooks')).items ?? [];
export const createWebhook = (body: WebhookInput) => api.post<WebhookWithSecret>('/api/v1/webhooks', body);
export const getWebhook = (id: string) => api.get<Webhook>(path(id));
export const updateWebhook = (id: string, body: WebhookUpdate) => api.patch<Webhook>(path(id), body);
export const deleteWebhook = (id: string) => api.delete(path(id));
/** A new secret; the old one keeps signing until `webhook.previousSecretValidUntil`. */
export const rotateWebhookSecret = (id: string) => api.post<WebhookWithSecret>(`${path(id)}/secret`);
/** Queues a test event; 409 when the subscription is disabled. */
export const sendTestWebhook = (id: string) => api.post<WebhookDelivery>(`${path(id)}/test`);

export const listWebhookDeliveries = (id: string, query: { status?: DeliveryStatus; limit?: number; cursor?: string }) =>
  api.get<Page<WebhookDelivery>>(`${path(id)}/deliveries`, { status: query.status, limit: query.limit, cursor: query.cursor });
export const getWebhookDelivery = (id: string, deliveryId: number) => api.get<WebhookDelivery>(deliveryPath(id, deliveryId));
export const replayWebhookDelivery = (id: string, deliveryId: number) => api.post<WebhookDelivery>(`${deliveryPath(id, deliveryId)}/replay`);
/** Queues again every exhausted delivery of events at or after `since`. */
export const replayWebhookDeliveries = (id: string, since: string) => api.post<{ replayed: number }>(`${path(id)}/replay`, { since });
