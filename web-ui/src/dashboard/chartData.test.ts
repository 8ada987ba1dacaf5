import { describe, expect, it } from 'vitest';
import { cloudEvent } from '../test/fixtures';
import { chartData } from './chartData';

const AD = '/connectors/0b6c6f1e-8a57-4a43-9d7e-3f1f0c1e2a10';
const at = (hhmmss: string) => `2025-03-01T${hhmmss}Z`;
const ms = (hhmmss: string) => new Date(at(hhmmss)).getTime();

const stats = {
  from: at('09:55:30'),
  to: at('10:00:30'),
  buckets: [
    { minute: at('09:58:00'), source: AD, connectorId: '0b6c6f1e-8a57-4a43-9d7e-3f1f0c1e2a10', count: 3 },
    { minute: at('10:00:00'), source: AD, connectorId: '0b6c6f1e-8a57-4a43-9d7e-3f1f0c1e2a10', count: 1 },
    { minute: at('10:00:00'), source: '/admin', connectorId: null, count: 2 },
    // Out of a 3-minute window.
    { minute: at('09:56:00'), source: '/admin', connectorId: null, count: 9 },
  ],
};

describe('The chart’s numbers', () => {
  it('puts the counts per minute and source on a window ending at the stats’ end, busiest source first', () => {
    const data = chartData(stats, [], 3);
    expect(data.minutes).toEqual([ms('09:58:00'), ms('09:59:00'), ms('10:00:00')]);
    expect(data.sources).toEqual([AD, '/admin']);
    expect(Object.fromEntries(data.totals)).toEqual({ [AD]: 4, '/admin': 2 });
    expect(data.count(ms('10:00:00'), '/admin')).toBe(2);
    expect(data.count(ms('09:59:00'), AD)).toBe(0);
    expect(data.peak).toBe(3);
  });

  it('adds events from the stream that came after the stats, moving the window on to a new minute', () => {
    const live = [
      cloudEvent({ id: '3', source: '/admin', time: at('10:01:05') }),
      cloudEvent({ id: '2', source: AD, time: at('10:00:40') }),
      // Already counted by the stats.
      cloudEvent({ id: '1', source: AD, time: at('10:00:10') }),
    ];
    const data = chartData(stats, live, 3);
    expect(data.minutes).toEqual([ms('09:59:00'), ms('10:00:00'), ms('10:01:00')]);
    expect(data.count(ms('10:00:00'), AD)).toBe(2);
    expect(data.count(ms('10:01:00'), '/admin')).toBe(1);
    expect(Object.fromEntries(data.totals)).toEqual({ '/admin': 3, [AD]: 2 });
    expect(data.sources).toEqual(['/admin', AD]);
  });

  it('has no sources and a zero peak when nothing changed', () => {
    const data = chartData({ ...stats, buckets: [] }, [], 60);
    expect(data.minutes).toHaveLength(60);
    expect(data.sources).toEqual([]);
    expect(data.peak).toBe(0);
  });
});
