import type { ImportRun } from './importsApi';

/** The counters of a run, in the order the console shows them. */
export const COUNTERS: readonly { key: 'read' | 'created' | 'updated' | 'unchanged' | 'failed'; label: string }[] = [
  { key: 'read', label: 'Read' },
  { key: 'created', label: 'Created' },
  { key: 'updated', label: 'Updated' },
  { key: 'unchanged', label: 'Unchanged' },
  { key: 'failed', label: 'Failed' },
];

export const PHASE_LABELS: Readonly<Record<string, string>> = {
  users: 'Reading users',
  groups: 'Reading groups',
  done: 'Finishing',
};

export const TRIGGER_LABELS: Readonly<Record<string, string>> = {
  manual: 'By hand',
  schedule: 'Scheduled',
};

/** How far a run is against what the last complete run read; null when that is not known. */
export function progressPercent(run: Pick<ImportRun, 'read' | 'expected'>): number | null {
  if (run.expected == null || run.expected <= 0) return null;
  return Math.min(100, Math.floor(((run.read ?? 0) * 100) / run.expected));
}

/** The id of a run's row in the history, and the URL fragment that opens it. */
export const importRunAnchor = (runId: string) => `import-run-${runId}`;

/** The run a URL fragment such as `#import-run-<id>` points to. */
export function runIdFromHash(hash: string): string | undefined {
  const prefix = `#${importRunAnchor('')}`;
  return hash.startsWith(prefix) && hash.length > prefix.length ? decodeURIComponent(hash.slice(prefix.length)) : undefined;
}
