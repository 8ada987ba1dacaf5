import { api } from '../shared/api';
import type { ImportSchedule } from '../imports/importsApi';
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

export type ConnectorState = 'running' | 'degraded' | 'failing' | 'stopped';

export interface ConnectorStatus {
  state: ConnectorState;
  since?: string;
  lastError?: string | null;
}

/** A source feeds the hub; a target receives the hub's changes; both does both. */
export type Direction = 'source' | 'target' | 'both';

/** What a target receives. */
export type Operation = 'create' | 'update' | 'disable' | 'delete' | 'password' | 'groups';

/** How an account seen for the first time is matched to an existing user; none always adds one. */
export type Correlation = 'userName' | 'email' | 'employeeNumber' | 'none';

/** How the connector takes part in provisioning; the hub's defaults fill what is left out. */
export interface Provisioning {
  direction?: Direction;
  operations?: Operation[];
  correlation?: Correlation;
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
  provisioning?: Provisioning;
  /** What its type can do (IMPORT_USERS, CREATE_USER, …); empty when the type is not installed. */
  capabilities?: string[];
  /** When the hub imports it on its own; null when it does not. */
  schedule?: ImportSchedule | null;
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

export const createConnector = (body: { name: string; type: string; settings: Settings; enabled?: boolean; provisioning?: Provisioning }) =>
  api.post<Connector>('/api/v1/connectors', body);

/** Secrets left out of `settings` keep their stored value. */
export const updateConnector = (connectorId: string, body: { name: string; settings: Settings; provisioning?: Provisioning }) =>
  api.put<Connector>(`/api/v1/connectors/${id(connectorId)}`, body);

export const deleteConnector = (connectorId: string) => api.delete(`/api/v1/connectors/${id(connectorId)}`);

export const startConnector = (connectorId: string) => api.post<Connector>(`/api/v1/connectors/${id(connectorId)}/start`);

export const stopConnector = (connectorId: string) => api.post<Connector>(`/api/v1/connectors/${id(connectorId)}/stop`);

/** Tests the saved settings of a connector. */
export const testConnector = (connectorId: string) =>
  api.post<ConnectionReport>(`/api/v1/connectors/${id(connectorId)}/test`);
