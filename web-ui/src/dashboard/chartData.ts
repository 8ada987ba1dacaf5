import type { CloudEvent } from '../events/cloudEvents';
import type { ChangeStats } from './statsApi';

const MINUTE_MS = 60_000;

export interface ChartData {
  /** Each minute's start (ms), oldest first. */
  minutes: number[];
  /** The sources, the busiest first (the stacking and legend order). */
  sources: string[];
  /** count(minute, source). */
  count: (minute: number, source: string) => number;
  /** Changes per source over the whole window. */
  totals: ReadonlyMap<string, number>;
  /** The most changes in one minute (all sources). */
  peak: number;
}

const floorMinute = (iso: string) => Math.floor(new Date(iso).getTime() / MINUTE_MS) * MINUTE_MS;

/**
 * The chart's numbers: the hub's per-minute counts, plus the events the live stream brought
 * after the stats were taken (so the newest bar grows between refreshes), over the last
 * `window` minutes ending at the newest of the two.
 */
export function chartData(stats: ChangeStats, live: readonly CloudEvent[], window: number): ChartData {
  const byMinute = new Map<number, Map<string, number>>();
  const add = (minute: number, source: string, n: number) => {
    const row = byMinute.get(minute) ?? new Map<string, number>();
    row.set(source, (row.get(source) ?? 0) + n);
    byMinute.set(minute, row);
  };
  for (const b of stats.buckets ?? []) add(floorMinute(b.minute), b.source, b.count);
  const taken = new Date(stats.to).getTime();
  let end = floorMinute(stats.to);
  for (const e of live) {
    if (new Date(e.time).getTime() < taken) continue;
    add(floorMinute(e.time), e.source, 1);
    end = Math.max(end, floorMinute(e.time));
  }

  const minutes = Array.from({ length: window }, (_, i) => end - (window - 1 - i) * MINUTE_MS);
  const totals = new Map<string, number>();
  let peak = 0;
  for (const minute of minutes) {
    let sum = 0;
    for (const [source, n] of byMinute.get(minute) ?? []) {
      totals.set(source, (totals.get(source) ?? 0) + n);
      sum += n;
    }
    peak = Math.max(peak, sum);
  }
  const sources = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || a.localeCompare(b));
  return { minutes, sources, count: (minute, source) => byMinute.get(minute)?.get(source) ?? 0, totals, peak };
}
