import { api } from '../shared/api';
import type { Page } from '../shared/paging';

/** An entry of the change log: what changed about a user or group, and where it came from. */
export interface ChangeEvent {
  id: number;
  /** Such as `user.updated` or `group.member_added`. */
  type: string;
  at: string;
  userId?: string | null;
  groupId?: string | null;
  /** The connector the change came from; null when an admin made it. */
  connectorId?: string | null;
  actor?: string | null;
  data?: Record<string, unknown>;
}

export type ChangeEventPage = Page<ChangeEvent>;

export interface ChangeEventQuery {
  user?: string;
  group?: string;
  type?: string;
  limit?: number;
  cursor?: string;
}

/** The change log, newest first, a page at a time. */
export const listChangeEvents = (query: ChangeEventQuery = {}) =>
  api.get<ChangeEventPage>('/api/v1/events', {
    user: query.user,
    group: query.group,
    type: query.type,
    limit: query.limit,
    cursor: query.cursor,
  });
