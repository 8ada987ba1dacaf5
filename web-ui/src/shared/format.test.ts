import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration } from './format';

describe('formatDuration', () => {
  const start = '2025-03-01T10:00:00Z';

  it('says seconds, minutes and seconds, or hours and minutes', () => {
    expect(formatDuration(start, '2025-03-01T10:00:45Z')).toBe('45 s');
    expect(formatDuration(start, '2025-03-01T10:03:20Z')).toBe('3 min 20 s');
    expect(formatDuration(start, '2025-03-01T10:05:00Z')).toBe('5 min');
    expect(formatDuration(start, '2025-03-01T12:05:30Z')).toBe('2 h 5 min');
    expect(formatDuration(start, '2025-03-01T13:00:00Z')).toBe('3 h');
  });

  it('counts until now while there is no end, and says nothing without a start', () => {
    expect(formatDuration(start, null, Date.parse('2025-03-01T10:00:09Z'))).toBe('9 s');
    expect(formatDuration(undefined, '2025-03-01T10:00:09Z')).toBe('');
    expect(formatDuration('not a date')).toBe('');
  });
});

describe('formatBytes', () => {
  it('says bytes, then KB, MB or GB with one decimal below ten', () => {
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(25_600)).toBe('25 KB');
    expect(formatBytes(3_355_443)).toBe('3.2 MB');
    expect(formatBytes(52_428_800)).toBe('50 MB');
    expect(formatBytes(null)).toBe('');
  });
});
