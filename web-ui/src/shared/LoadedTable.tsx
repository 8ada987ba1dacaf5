import { LoadErrorAlert } from './ErrorAlert';
import type { Loaded } from './hooks';
import { Spinner } from './Spinner';

interface Props<T> {
  /** The list (see useLoad). */
  loaded: Loaded<T[]>;
  /** Shown when the list is empty. */
  empty: React.ReactNode;
  /** The table of the entries. */
  children: (items: T[]) => React.ReactNode;
}

/**
 * A list loaded in one piece, as a table card: a spinner until it is there, `empty` when it has
 * no entries, the load error above.
 */
export function LoadedTable<T>({ loaded, empty, children }: Props<T>) {
  const items = loaded.data;
  return (
    <>
      <LoadErrorAlert error={loaded.error} />
      {items == null ? loaded.loading && <Spinner /> : items.length === 0 ? empty : <div className="card table-card">{children(items)}</div>}
    </>
  );
}
