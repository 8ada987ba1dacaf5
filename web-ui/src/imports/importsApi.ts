import { api } from '../shared/api';

export type ImportStatus = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

export type ImportPhase = 'users' | 'groups' | 'done';

/** A record the import could not take in. */
export interface ImportFailure {
  externalId: string;
  name?: string | null;
  reason: string;
}

/** One import of a connector's users and groups, with its (live) counters. */
export interface ImportRun {
  id: string;
  connectorId: string;
  trigger: 'manual' | 'schedule';
  /** The admin who started it; null for a scheduled run. */
  startedBy?: string | null;
  status: ImportStatus;
  phase?: ImportPhase;
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  /** Accounts the previous complete run read, to show progress against; null when unknown. */
  expected?: number | null;
  error?: string | null;
  /** The first 100 records that could not be imported. */
  failures?: ImportFailure[];
  startedAt: string;
  finishedAt?: string | null;
}

export type SchedulePreset = 'hourly' | 'daily' | 'weekly' | 'cron';

/** ImportScheduleInput: `cron` only with the preset `cron`. */
export interface ImportScheduleInput {
  preset: SchedulePreset;
  cron?: string;
}

export interface ImportSchedule {
  preset: string;
  cron?: string;
  nextRunAt?: string;
  lastRunAt?: string | null;
  lastRunId?: string | null;
}

/** The capability a connector type needs for imports. */
export const IMPORT_USERS = 'IMPORT_USERS';

const connector = (connectorId: string) => `/api/v1/connectors/${encodeURIComponent(connectorId)}`;
const run = (runId: string) => `/api/v1/imports/${encodeURIComponent(runId)}`;

/** The connector's last 20 runs, newest first. */
export const listImportRuns = (connectorId: string) => api.get<ImportRun[]>(`${connector(connectorId)}/imports`);

/** 409 when a run is going on already or the connector is not running. */
export const startImport = (connectorId: string) => api.post<ImportRun>(`${connector(connectorId)}/imports`);

export const getImportRun = (runId: string) => api.get<ImportRun>(run(runId));

/** The run stops after its current page; 409 when it has finished already. */
export const cancelImport = (runId: string) => api.post<ImportRun>(`${run(runId)}/cancel`);

/** 422 for a cron expression the hub does not accept. */
export const setImportSchedule = (connectorId: string, body: ImportScheduleInput) =>
  api.put<ImportSchedule>(`${connector(connectorId)}/schedule`, body);

export const deleteImportSchedule = (connectorId: string) => api.delete(`${connector(connectorId)}/schedule`);
