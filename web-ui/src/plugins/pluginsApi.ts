import { api } from '../shared/api';

export type PluginState = 'STARTED' | 'FAILED' | 'DISABLED' | 'STOPPED' | 'RESOLVED' | 'CREATED' | 'UNLOADED';

export interface Plugin {
  id: string;
  version: string;
  provider?: string;
  description?: string;
  /** The plugin API versions it needs, e.g. ">=1.0.0 & <2.0.0". */
  requires?: string;
  state: PluginState;
  file?: string;
  /** Why the hub refused or could not start it. */
  error?: string | null;
  connectorTypes?: string[];
}

export const listPlugins = () => api.get<Plugin[]>('/api/v1/plugins');
