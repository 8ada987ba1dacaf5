import { useCallback } from 'react';
import { sourceLabel, type CloudEvent } from '../events/cloudEvents';
import { LoadErrorAlert } from '../shared/ErrorAlert';
import { useLoad } from '../shared/hooks';
import { RefreshFailedNotice } from '../shared/RefreshFailedNotice';
import { Spinner } from '../shared/Spinner';
import { ChangesChart } from './ChangesChart';
import { chartData } from './chartData';
import { getChangeStats } from './statsApi';

/** The chart's window, in minutes. */
export const CHART_MINUTES = 60;
/** How often the counts are asked for again (the stream bumps them in between). */
export const STATS_POLL_MS = 30_000;

interface Props {
  /** Events from the live stream, newest first: counted until the next refresh includes them. */
  live: readonly CloudEvent[];
  connectorNames: ReadonlyMap<string, string>;
}

/** Changes per minute per source over the last hour. */
export function ChangesChartCard({ live, connectorNames }: Props) {
  const load = useCallback(() => getChangeStats(CHART_MINUTES), []);
  const stats = useLoad(load, [], STATS_POLL_MS);

  return (
    <section className="card" aria-labelledby="changes-chart-title" data-testid="changes-card">
      <h2 id="changes-chart-title" className="section-title">
        Changes per minute, last hour
      </h2>
      {stats.data ? (
        <>
          <RefreshFailedNotice what="the counts" error={stats.error} />
          <ChangesChart data={chartData(stats.data, live, CHART_MINUTES)} labelOf={(source) => sourceLabel(source, connectorNames)} />
        </>
      ) : stats.error !== undefined ? (
        <LoadErrorAlert error={stats.error} />
      ) : (
        <Spinner />
      )}
    </section>
  );
}
