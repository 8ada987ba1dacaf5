import type { CursorPages } from './paging';

interface Props {
  /** The paged list (see useCursorPages). */
  pages: CursorPages<unknown>;
  /** "user" → "users". */
  noun: [singular: string, plural: string];
  testId?: string;
}

/** The footer of a paged table: where we are, "Previous page" and "Next page". */
export function Pager({ pages, noun, testId }: Props) {
  const { pageNumber, hasPrevious, hasNext, loading, previous, next } = pages;
  const count = pages.items?.length ?? 0;
  return (
    <div className="table-footer" data-testid={testId}>
      <span className="muted small" data-testid="page-info">
        Page {pageNumber} · {count} {count === 1 ? noun[0] : noun[1]}
      </span>
      {(hasPrevious || hasNext) && (
        <span className="pager-buttons">
          <button type="button" className="btn btn-sm" onClick={previous} disabled={loading || !hasPrevious}>
            Previous page
          </button>
          <button type="button" className="btn btn-sm" onClick={next} disabled={loading || !hasNext}>
            Next page
          </button>
        </span>
      )}
    </div>
  );
}
