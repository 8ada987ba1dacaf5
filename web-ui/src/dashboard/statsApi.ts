import { api } from '../shared/api';

/** How many changes came from one source in one minute. */
export interface ChangeBucket {
  /** The minute's start. */
  minute: string;
  /** `/connectors/<id>` or `/admin`, as in CloudEvents. */
  source: string;
  connectorId?: string | null;
  count: number;
}

export interface ChangeStats {
  from: string;
  to: string;
  /** Only minutes and sources with changes. */
  buckets: ChangeBucket[];
}

/** Changes per minute and source over the last `minutes`. */
export const getChangeStats = (minutes: number) => api.get<ChangeStats>('/api/v1/stats/changes', { minutes });
