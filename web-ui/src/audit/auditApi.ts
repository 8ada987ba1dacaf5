import { api } from '../shared/api';

export interface AuditEvent {
  id: number;
  at: string;
  actor: string | null;
  action: string;
  target: string | null;
  outcome: 'success' | 'failure';
  remoteAddress: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditPage {
  items: AuditEvent[];
  /** Pass as `before` for the next (older) page; null at the end. */
  next: number | null;
}

export interface AuditQuery {
  limit?: number;
  before?: number;
  actor?: string;
  action?: string;
}

/** The audit log, newest first. */
export const listAuditEvents = (query: AuditQuery = {}) =>
  api.get<AuditPage>('/api/v1/audit', {
    limit: query.limit,
    before: query.before,
    actor: query.actor,
    action: query.action,
  });
