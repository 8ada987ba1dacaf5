import { api, type Admin } from '../shared/api';

export interface SetupStatus {
  setupRequired: boolean;
}

export function getSetupStatus(): Promise<SetupStatus> {
  // Public: a plain call, no token needed (a 401 cannot happen here).
  return api.get<SetupStatus>('/api/v1/setup');
}

export function completeSetup(token: string, username: string, password: string): Promise<Admin> {
  return api.post<Admin>('/api/v1/setup', { token, username, password });
}

/** Letters, digits, `.`, `_`, `@`, `-`; 3 to 64 of them (SetupRequest.username). */
export const USERNAME_PATTERN = /^[A-Za-z0-9._@-]{3,64}$/;
export const MIN_PASSWORD_LENGTH = 12;
