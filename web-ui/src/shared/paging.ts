import { useCallback, useEffect, useRef, useState } from 'react';

/** A page of a list the hub pages with an opaque cursor (UserPage, GroupPage). */
export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null (or absent) on the last page. */
  next?: string | null;
}

/** The page size the console asks for. */
export const PAGE_SIZE = 50;

export interface CursorPages<T> {
  /** The current page's items; the previous page's while the next one loads. */
  items: T[] | undefined;
  loading: boolean;
  error: unknown;
  /** 1 for the first page. */
  pageNumber: number;
  hasPrevious: boolean;
  hasNext: boolean;
  next: () => void;
  previous: () => void;
  /** Loads the current page again (after a change). */
  reload: () => void;
}

interface Position {
  /** The filters the stack belongs to: new filters start again at the first page. */
  key: string;
  /** The cursor of every page up to the current one; undefined for the first page. */
  cursors: (string | undefined)[];
  /** Bumped by reload(). */
  version: number;
}

/**
 * Server-side paging with an opaque `next` cursor: "Next" follows it, "Previous" goes back
 * through the cursors already followed. A different `key` (the filters) starts at page one.
 */
export function useCursorPages<T>(load: (cursor: string | undefined) => Promise<Page<T>>, key: string): CursorPages<T> {
  const [position, setPosition] = useState<Position>({ key, cursors: [undefined], version: 0 });
  const [page, setPage] = useState<Page<T>>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const loadRef = useRef(load);
  loadRef.current = load;

  // New filters: back to the first page before anything is loaded for them.
  let current = position;
  if (position.key !== key) {
    current = { key, cursors: [undefined], version: position.version };
    setPosition(current);
  }
  const depth = current.cursors.length;
  const cursor = current.cursors[depth - 1];

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    setError(undefined);
    loadRef
      .current(cursor)
      .then((result) => {
        if (cancelled) return;
        const items = result?.items ?? [];
        if (items.length === 0 && depth > 1) {
          // The page emptied (its last entries were removed): show the one before.
          setPosition((p) => ({ ...p, cursors: p.cursors.slice(0, -1) }));
          return;
        }
        setPage({ items, next: result?.next ?? null });
        setLoading(false);
      })
      .catch((e: unknown) => {
        if (cancelled) return;
        setError(e);
        setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [current.key, depth, cursor, current.version]);

  const nextCursor = page?.next ?? null;
  const next = useCallback(() => {
    if (nextCursor === null) return;
    setPosition((p) => ({ ...p, cursors: [...p.cursors, nextCursor] }));
  }, [nextCursor]);
  const previous = useCallback(() => setPosition((p) => (p.cursors.length > 1 ? { ...p, cursors: p.cursors.slice(0, -1) } : p)), []);
  const reload = useCallback(() => setPosition((p) => ({ ...p, version: p.version + 1 })), []);

  return {
    items: page?.items,
    loading,
    error,
    pageNumber: depth,
    hasPrevious: depth > 1,
    hasNext: nextCursor !== null,
    next,
    previous,
    reload,
  };
}
