import { api } from '../shared/api';
import type { Page } from '../shared/paging';
import type { UserPage } from '../users/usersApi';

export interface Group {
  id: string;
  name: string;
  description?: string | null;
  memberCount?: number;
  createdAt?: string;
  updatedAt?: string;
}

export type GroupPage = Page<Group>;

/** GroupInput: the name is required, the description accepts null. */
export interface GroupInput {
  name: string;
  description?: string | null;
}

export interface GroupQuery {
  /** Matches the name (any part). */
  q?: string;
  limit?: number;
  cursor?: string;
}

export const MAX_GROUP_NAME_LENGTH = 256;
export const MAX_GROUP_DESCRIPTION_LENGTH = 1000;

const id = (groupId: string) => encodeURIComponent(groupId);

/** Groups ordered by name, a page at a time. */
export const listGroups = (query: GroupQuery = {}) =>
  api.get<GroupPage>('/api/v1/groups', { q: query.q, limit: query.limit, cursor: query.cursor });

export const getGroup = (groupId: string) => api.get<Group>(`/api/v1/groups/${id(groupId)}`);

/** 409 when the name is taken. */
export const createGroup = (body: GroupInput) => api.post<Group>('/api/v1/groups', body);

/** 409 when the name is taken. */
export const updateGroup = (groupId: string, body: GroupInput) => api.put<Group>(`/api/v1/groups/${id(groupId)}`, body);

/** The members stay; only the group goes. */
export const deleteGroup = (groupId: string) => api.delete(`/api/v1/groups/${id(groupId)}`);

/** Direct members, ordered by user name, a page at a time. */
export const listGroupMembers = (groupId: string, query: { limit?: number; cursor?: string } = {}) =>
  api.get<UserPage>(`/api/v1/groups/${id(groupId)}/members`, { limit: query.limit, cursor: query.cursor });

/** No change when the user is already a member. */
export const addGroupMember = (groupId: string, userId: string) =>
  api.put<void>(`/api/v1/groups/${id(groupId)}/members/${encodeURIComponent(userId)}`, undefined);

/** No change when the user is not a member. */
export const removeGroupMember = (groupId: string, userId: string) =>
  api.delete(`/api/v1/groups/${id(groupId)}/members/${encodeURIComponent(userId)}`);
