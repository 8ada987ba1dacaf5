interface Props {
  pageNumber: number;
  /** Entries on this page. */
  count: number;
  /** "user" → "users". */
  noun: [singular: string, plural: string];
  hasPrevious: boolean;
  hasNext: boolean;
  busy?: boolean;
  onPrevious: () => void;
  onNext: () => void;
  testId?: string;
}

/** The footer of a paged table: where we are, "Previous page" and "Next page". */
export function Pager({ pageNumber, count, noun, hasPrevious, hasNext, busy, onPrevious, onNext, testId }: Props) {
  return (
    <div className="table-footer" data-testid={testId}>
      <span className="muted small" data-testid="page-info">
        Page {pageNumber} · {count} {count === 1 ? noun[0] : noun[1]}
      </span>
      {(hasPrevious || hasNext) && (
        <span className="pager-buttons">
          <button type="button" className="btn btn-sm" onClick={onPrevious} disabled={busy || !hasPrevious}>
            Previous page
          </button>
          <button type="button" className="btn btn-sm" onClick={onNext} disabled={busy || !hasNext}>
            Next page
          </button>
        </span>
      )}
    </div>
  );
}
