import { describe, expect, it } from 'vitest';
import { formatDuration } from './format';

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
