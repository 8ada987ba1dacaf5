import { api } from '../shared/api';
import type { JsonSchema, Settings } from '../shared/form/schema';

export interface ConnectorType {
  id: string;
  displayName: string;
  description: string;
  capabilities: string[];
  /** JSON Schema 2020-12; writeOnly properties are secrets. */
  settingsSchema: JsonSchema;
  pluginId?: string;
  pluginVersion?: string;
}

export type ConnectorState = 'running' | 'failing' | 'stopped';

export interface ConnectorStatus {
  state: ConnectorState;
  since?: string;
  lastError?: string | null;
}

export interface Connector {
  id: string;
  name: string;
  type: string;
  enabled: boolean;
  /** Without secrets. */
  settings: Settings;
  /** Secret settings that have a stored value. */
  secretsSet: string[];
  status: ConnectorStatus;
  createdAt?: string;
  updatedAt?: string;
}

export interface ConnectionStep {
  name: string;
  success: boolean;
  detail: string;
}

export interface ConnectionReport {
  success: boolean;
  steps: ConnectionStep[];
  facts: Record<string, string>;
}

const id = (connectorId: string) => encodeURIComponent(connectorId);

export const listConnectorTypes = () => api.get<ConnectorType[]>('/api/v1/connector-types');

/** Tests settings that are not saved yet. */
export const testSettings = (type: string, settings: Settings) =>
  api.post<ConnectionReport>(`/api/v1/connector-types/${encodeURIComponent(type)}/test`, { settings });

export const listConnectors = () => api.get<Connector[]>('/api/v1/connectors');

export const getConnector = (connectorId: string) => api.get<Connector>(`/api/v1/connectors/${id(connectorId)}`);

export const createConnector = (body: { name: string; type: string; settings: Settings; enabled?: boolean }) =>
  api.post<Connector>('/api/v1/connectors', body);

/** Secrets left out of `settings` keep their stored value. */
export const updateConnector = (connectorId: string, body: { name: string; settings: Settings }) =>
  api.put<Connector>(`/api/v1/connectors/${id(connectorId)}`, body);

export const deleteConnector = (connectorId: string) => api.delete(`/api/v1/connectors/${id(connectorId)}`);

export const startConnector = (connectorId: string) => api.post<Connector>(`/api/v1/connectors/${id(connectorId)}/start`);

export const stopConnector = (connectorId: string) => api.post<Connector>(`/api/v1/connectors/${id(connectorId)}/stop`);

/** Tests the saved settings of a connector. */
export const testConnector = (connectorId: string) =>
  api.post<ConnectionReport>(`/api/v1/connectors/${id(connectorId)}/test`);
