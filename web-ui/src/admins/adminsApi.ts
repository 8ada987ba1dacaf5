import { MIN_PASSWORD_LENGTH } from '../auth/authApi';
import { api, type Admin, type Role } from '../shared/api';

export type { Admin, Role };

/** AdminCreate: every field required. */
export interface AdminCreate {
  username: string;
  password: string;
  role: Role;
}

/** AdminUpdate: at least one field; left-out fields keep their value. */
export type AdminUpdate = { password?: string; role?: Role; enabled?: boolean };

/** Letters, digits, `.`, `_`, `@`, `-`; 3 to 64 of them (AdminCreate.username). */
export { USERNAME_PATTERN } from '../auth/authApi';
export const MAX_PASSWORD_LENGTH = 1024;

/** What an admin's password must be (AdminCreate.password), and the help that says so. */
export const ADMIN_PASSWORD_RULES = { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH };
export const ADMIN_PASSWORD_HELP = `At least ${MIN_PASSWORD_LENGTH} characters`;

const name = (username: string) => encodeURIComponent(username);

export const listAdmins = () => api.get<Admin[]>('/api/v1/admins');

/** 409 when the username is taken. */
export const createAdmin = (body: AdminCreate) => api.post<Admin>('/api/v1/admins', body);

/** A new password or a disabled account ends the account's sessions. 409 for the last enabled admin. */
export const updateAdmin = (username: string, body: AdminUpdate) => api.patch<Admin>(`/api/v1/admins/${name(username)}`, body);

/** 409 for the last enabled admin. */
export const deleteAdmin = (username: string) => api.delete(`/api/v1/admins/${name(username)}`);
