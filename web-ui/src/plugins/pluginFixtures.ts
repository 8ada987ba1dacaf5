import type { Plugin } from './pluginsApi';

export const HR_EXPORT = '3a7d0c52-1b9e-4f0a-8c6d-2e5f7a9b1c3d';
export const HR_IMPORT = '4b8e1d63-2caf-4a1b-9d7e-3f6a8bac2d4e';

/** An installed plugin as the hub lists it: hr-file 1.0.0, used by two connectors. */
export function plugin(fields: Partial<Plugin> = {}): Plugin {
  return {
    id: 'hr-file',
    version: '1.0.0',
    provider: 'Example HR',
    description: 'Users from the HR system’s CSV export.',
    requires: '^1.0.0',
    state: 'STARTED',
    file: 'hr-file-1.0.0.jar',
    sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    size: 25_600,
    loadedAt: '2025-03-01T09:00:00Z',
    error: null,
    connectorTypes: ['hr-file'],
    connectors: [
      { id: HR_EXPORT, name: 'HR export', type: 'hr-file' },
      { id: HR_IMPORT, name: 'HR import (test)', type: 'hr-file' },
    ],
    ...fields,
  };
}

/** The LDAP plugin, in use by no connector. */
export const ldapPlugin = plugin({
  id: 'slx-ldap',
  version: '0.1.0',
  provider: 'SLX Connect',
  description: 'Active Directory and LDAP v3 directories.',
  file: 'slx-ldap-0.1.0.jar',
  connectorTypes: ['ldap'],
  connectors: [],
});

/** A jar the hub refused: it needs a plugin API the hub does not have. */
export const refusedJar = plugin({
  id: 'crm-sync',
  version: '2.0.0',
  provider: 'Acme',
  description: null,
  requires: '^2.0.0',
  state: 'FAILED',
  file: 'crm-sync-2.0.0.jar',
  loadedAt: null,
  error: 'Plugin-Requires ^2.0.0 does not match the hub’s plugin API 1.0.0',
  connectorTypes: [],
  connectors: [],
});

/** A plugin whose upgrade to 1.3.0 failed: still on 1.2.0, with why. */
export const rolledBack = plugin({
  id: 'google',
  version: '1.2.0',
  provider: 'SLX Connect',
  description: 'Google Workspace users and groups.',
  file: 'slx-google-1.2.0.jar',
  error: 'Upgrade to 1.3.0 failed and was rolled back: connector Google (main) did not start: invalid_grant',
  connectorTypes: ['google-workspace'],
  connectors: [{ id: '5c9f2e74-3db0-4b2c-8e8f-4a7b9cbd3e5f', name: 'Google (main)', type: 'google-workspace' }],
});

/** A jar file as the admin picks it. */
export const jar = (name = 'hr-file-1.1.0.jar', bytes = 30_720) => new File([new Uint8Array(bytes)], name, { type: 'application/java-archive' });
