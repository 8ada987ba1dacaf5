import { api } from '../shared/api';
import type { Page } from '../shared/paging';

export type TaskStatus = 'pending' | 'retrying' | 'succeeded' | 'failed' | 'skipped';

export type TaskOperation = 'create' | 'update' | 'disable' | 'enable' | 'delete' | 'password' | 'add_member' | 'remove_member';

/** One change the hub pushes to a target system. */
export interface ProvisioningTask {
  id: number;
  connectorId: string;
  connectorName?: string | null;
  userId?: string | null;
  groupId?: string | null;
  /** The user name (and group name) at the time of the change. */
  subject: string;
  operation: TaskOperation;
  status: TaskStatus;
  attempts: number;
  lastError?: string | null;
  nextAttemptAt?: string | null;
  createdAt: string;
  finishedAt?: string | null;
}

export type ProvisioningPage = Page<ProvisioningTask>;

export interface ProvisioningQuery {
  user?: string;
  connector?: string;
  status?: TaskStatus;
  limit?: number;
  cursor?: string;
}

/** The provisioning log, newest first, a page at a time. */
export const listProvisioningTasks = (query: ProvisioningQuery = {}) =>
  api.get<ProvisioningPage>('/api/v1/provisioning', {
    user: query.user,
    connector: query.connector,
    status: query.status,
    limit: query.limit,
    cursor: query.cursor,
  });

/** Tries a failed task again now; 409 when it has not failed. */
export const retryProvisioningTask = (taskId: number) =>
  api.post<ProvisioningTask>(`/api/v1/provisioning/${encodeURIComponent(String(taskId))}/retry`);
