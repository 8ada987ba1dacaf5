import { useState } from 'react';

export interface PageActions<K extends string> {
  /** The action running now; the page's buttons wait while there is one. */
  busy: K | null;
  /** How the last action failed. */
  error: unknown;
  setBusy: (key: K | null) => void;
  setError: (error: unknown) => void;
  /** Clears the last outcome before a new action (also what `onStart` clears). */
  start: () => void;
  /** Runs `action` as `key`: starts, marks it busy, keeps what it throws in `error`. */
  run: (key: K, action: () => Promise<unknown>) => Promise<void>;
}

/**
 * One action at a time on a page (enable, remove from a group, start, …): which one runs and
 * how the last one failed. `onStart` clears the page's other outcomes, such as its flash.
 */
export function usePageActions<K extends string>(onStart?: () => void): PageActions<K> {
  const [busy, setBusy] = useState<K | null>(null);
  const [error, setError] = useState<unknown>();

  const start = () => {
    setError(undefined);
    onStart?.();
  };

  const run = async (key: K, action: () => Promise<unknown>) => {
    start();
    setBusy(key);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return { busy, error, setBusy, setError, start, run };
}
