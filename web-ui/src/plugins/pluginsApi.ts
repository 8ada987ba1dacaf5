import { api } from '../shared/api';

/**
 * STARTED: loaded, its connector types usable. UPGRADING: an upgrade or removal is running.
 * FAILED: the jar was refused or could not load (see `error`).
 */
export type PluginState = 'STARTED' | 'UPGRADING' | 'FAILED';

/** A connector instance of one of the plugin's types. */
export interface PluginConnector {
  id: string;
  name: string;
  type: string;
}

/** An installed plugin, or a jar the hub refused. */
export interface Plugin {
  /** Plugin-Id of the jar; the file name when the jar has no readable manifest. */
  id: string;
  version?: string | null;
  provider?: string | null;
  description?: string | null;
  /** The plugin API versions it needs (Plugin-Requires), e.g. "^1.0.0". */
  requires?: string | null;
  state: PluginState;
  /** The jar's file name in the plugins directory. */
  file?: string | null;
  sha256?: string | null;
  /** Bytes. */
  size?: number | null;
  loadedAt?: string | null;
  /**
   * Why the jar was refused (state FAILED), or why the last upgrade failed and was rolled back
   * (state STARTED, still on the old version).
   */
  error?: string | null;
  connectorTypes: string[];
  /** The connector instances of its types. */
  connectors: PluginConnector[];
}

/** What an upload did: installed a new plugin (201), or upgraded an installed one to the jar's version (200). */
export interface UploadOutcome {
  plugin: Plugin;
  upgraded: boolean;
}

const path = (id: string) => `/api/v1/plugins/${encodeURIComponent(id)}`;

export const listPlugins = () => api.get<Plugin[]>('/api/v1/plugins');
export const getPlugin = (id: string) => api.get<Plugin>(path(id));

/**
 * Uploads a plugin jar (admin only). A jar of an installed plugin with another version is the
 * upgrade: the hub checkpoints and stops its connectors, swaps versions and starts them again,
 * which may take seconds. Rejects with 409 (version already installed, upgrade running), 413
 * (too large; the detail says the limit) or 422 (refused, or upgrade failed and rolled back).
 */
export async function uploadPlugin(jar: File): Promise<UploadOutcome> {
  const form = new FormData();
  form.set('file', jar, jar.name);
  const answer = await api.postForm<Plugin>('/api/v1/plugins', form);
  return { plugin: answer.body, upgraded: answer.status === 200 };
}

/** Unloads the plugin and deletes its jar; 409 while connectors use it unless `force`, which stops them. */
export const removePlugin = (id: string, force = false) => api.delete(path(id), force ? { force: true } : undefined);
