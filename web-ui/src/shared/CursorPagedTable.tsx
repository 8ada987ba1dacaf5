import { LoadErrorAlert } from './ErrorAlert';
import { Pager } from './Pager';
import type { CursorPages } from './paging';
import { Spinner } from './Spinner';

interface Props<T> {
  /** The paged list (see useCursorPages). */
  pages: CursorPages<T>;
  /** Shown when the first page is empty: nothing yet, or nothing matches. */
  empty: React.ReactNode;
  /** "user" → "users", for the pager. */
  noun: [singular: string, plural: string];
  pagerTestId: string;
  /** The table of the current page's entries. */
  children: (items: T[]) => React.ReactNode;
}

/**
 * A list the hub pages with a cursor, as a table card with a pager: a spinner until the first
 * page is there, `empty` when it has no entries, the load error above.
 */
export function CursorPagedTable<T>({ pages, empty, noun, pagerTestId, children }: Props<T>) {
  const items = pages.items;
  return (
    <>
      <LoadErrorAlert error={pages.error} />
      {items === undefined ? (
        pages.loading && <Spinner />
      ) : items.length === 0 ? (
        !pages.loading && empty
      ) : (
        <div className="card table-card" aria-busy={pages.loading || undefined}>
          {children(items)}
          <Pager pages={pages} noun={noun} testId={pagerTestId} />
        </div>
      )}
    </>
  );
}
