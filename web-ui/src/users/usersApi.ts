import { api } from '../shared/api';
import type { Page } from '../shared/paging';

/** A row of the user list. */
export interface UserSummary {
  id: string;
  userName: string;
  displayName?: string | null;
  /** The primary email. */
  email?: string | null;
  active: boolean;
  department?: string | null;
  updatedAt?: string;
}

export type UserPage = Page<UserSummary>;

export type UserStatus = 'active' | 'disabled';

export interface UserQuery {
  /** Matches user name, display, given and family name, and email (any part). */
  q?: string;
  status?: UserStatus;
  /** Only users linked to an account in this connector. */
  source?: string;
  /** Only direct members of this group. */
  group?: string;
  limit?: number;
  cursor?: string;
}

/** A user's account in a connected system. */
export interface LinkedAccount {
  connectorId: string;
  connectorName?: string;
  connectorType?: string;
  externalId: string;
  state?: string;
  linkedAt?: string;
  lastSyncAt?: string | null;
}

export interface UserRef {
  id: string;
  userName: string;
  displayName?: string | null;
}

export interface GroupRef {
  id: string;
  name: string;
}

/** Attribute values the hub accepts in UserInput.attributes. */
export type AttributeValue = string | number | boolean | null | unknown[];

export interface User {
  id: string;
  userName: string;
  displayName?: string | null;
  givenName?: string | null;
  familyName?: string | null;
  /** Primary first. */
  emails?: string[];
  active: boolean;
  employeeNumber?: string | null;
  department?: string | null;
  manager?: UserRef | null;
  attributes?: Record<string, AttributeValue>;
  groups?: GroupRef[];
  accounts?: LinkedAccount[];
  version?: number;
  createdAt?: string;
  updatedAt?: string;
}

/**
 * UserInput (SCIM 2.0 core and enterprise user): only userName is required; every optional
 * field accepts null. PUT replaces the whole user, so an update sends every field.
 */
export interface UserInput {
  userName: string;
  displayName?: string | null;
  givenName?: string | null;
  familyName?: string | null;
  emails?: string[];
  active?: boolean;
  employeeNumber?: string | null;
  department?: string | null;
  managerId?: string | null;
  attributes?: Record<string, AttributeValue>;
}

/** UserInput.emails: what the hub accepts for one address. */
export const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+$/;
export const MAX_EMAILS = 20;

const id = (userId: string) => encodeURIComponent(userId);

/** Users ordered by user name, a page at a time. */
export const listUsers = (query: UserQuery = {}) =>
  api.get<UserPage>('/api/v1/users', {
    q: query.q,
    status: query.status,
    source: query.source,
    group: query.group,
    limit: query.limit,
    cursor: query.cursor,
  });

export const getUser = (userId: string) => api.get<User>(`/api/v1/users/${id(userId)}`);

/** 409 when the user name is taken, 422 for an unknown manager. */
export const createUser = (body: UserInput) => api.post<User>('/api/v1/users', body);

/** Replaces the whole user. 409 when the user name is taken, 422 for an unknown manager. */
export const updateUser = (userId: string, body: UserInput) => api.put<User>(`/api/v1/users/${id(userId)}`, body);

export const deleteUser = (userId: string) => api.delete(`/api/v1/users/${id(userId)}`);

export const disableUser = (userId: string) => api.post<User>(`/api/v1/users/${id(userId)}/disable`);

export const enableUser = (userId: string) => api.post<User>(`/api/v1/users/${id(userId)}/enable`);

/** How setting the password went in one linked system. */
export interface PasswordOutcome {
  connectorId: string;
  connectorName?: string;
  status: 'succeeded' | 'failed';
  error?: string | null;
}

/** PasswordInput.password: what the hub passes on; each system applies its own policy. */
export const USER_PASSWORD_RULES = { min: 1, max: 256 };

/**
 * Sets the password in every linked system that takes passwords (the hub does not keep it).
 * 409 when no linked system accepts passwords.
 */
export const setUserPassword = (userId: string, password: string) =>
  api.post<{ results?: PasswordOutcome[] }>(`/api/v1/users/${id(userId)}/password`, { password });

/** "Ada Lovelace (ada)", or just the user name when there is no display name. */
export function userLabel(user: { userName: string; displayName?: string | null }): string {
  return user.displayName ? `${user.displayName} (${user.userName})` : user.userName;
}
