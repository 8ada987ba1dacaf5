import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again; keeps showing the previous data meanwhile. */
  reload: () => Promise<void>;
}

/**
 * Loads data when the component mounts (and when `deps` change), optionally again every
 * `pollMs` milliseconds while it stays mounted. A poll never overlaps the previous one, and a
 * failed poll keeps the last good data while reporting the error.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[], pollMs?: number): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const loadRef = useRef(load);
  loadRef.current = load;
  const inFlight = useRef(false);
  const mounted = useRef(true);

  const reload = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const result = await loadRef.current();
      if (mounted.current) {
        setData(result);
        setError(undefined);
      }
    } catch (e) {
      if (mounted.current) setError(e);
    } finally {
      inFlight.current = false;
      if (mounted.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    mounted.current = true;
    setLoading(true);
    void reload();
    let timer: ReturnType<typeof setInterval> | undefined;
    if (pollMs) {
      timer = setInterval(() => {
        if (typeof document === 'undefined' || document.visibilityState !== 'hidden') void reload();
      }, pollMs);
    }
    return () => {
      mounted.current = false;
      if (timer) clearInterval(timer);
    };
    // Only `deps` and `pollMs` restart loading; `load` is read through a ref.
  }, [...deps, pollMs]);

  return { data, error, loading, reload };
}

/** True when the error means the session has ended: the app is already on its way to /login. */
export function isSessionEnd(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/** How long the console waits after the last keystroke before searching. */
export const SEARCH_DEBOUNCE_MS = 300;

/** `value`, once it has stopped changing for `delayMs` milliseconds. */
export function useDebouncedValue<T>(value: T, delayMs: number = SEARCH_DEBOUNCE_MS): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
