import { ErrorAlert } from './ErrorAlert';
import { isSessionEnd } from './hooks';
import { Spinner } from './Spinner';

interface CardProps {
  /** The section's test id; its heading's id is `<id>-title`. */
  id: string;
  title: string;
  /** A short line beside the title. */
  note?: React.ReactNode;
  /** Buttons or links at the right of the header. */
  actions?: React.ReactNode;
  children: React.ReactNode;
}

/** A card holding a table under a header: a detail page's list (members, accounts, history). */
export function TableCard({ id, title, note, actions, children }: CardProps) {
  return (
    <section className="card table-card" aria-labelledby={`${id}-title`} data-testid={id}>
      <div className="card-header">
        <h2 id={`${id}-title`} className="section-title">
          {title}
        </h2>
        {note && <span className="muted small">{note}</span>}
        {actions && <span className="card-header-actions">{actions}</span>}
      </div>
      {children}
    </section>
  );
}

interface BodyProps<T> {
  /** Undefined until the list has loaded. */
  items: T[] | undefined;
  loading: boolean;
  /** Why the list did not load (again); shown above it. */
  error: unknown;
  /** Shown in place of an empty list. */
  empty: React.ReactNode;
  emptyTestId?: string;
  /** The table of the entries. */
  children: (items: T[]) => React.ReactNode;
}

/** The inside of a {@link TableCard}: the load error, a spinner, the empty message or the table. */
export function TableCardBody<T>({ items, loading, error, empty, emptyTestId, children }: BodyProps<T>) {
  return (
    <>
      {error !== undefined && !isSessionEnd(error) && (
        <div className="card-toolbar">
          <ErrorAlert error={error} />
        </div>
      )}
      {items === undefined ? (
        loading && (
          <div className="card-empty">
            <Spinner />
          </div>
        )
      ) : items.length === 0 ? (
        !loading && (
          <div className="card-empty" data-testid={emptyTestId}>
            {empty}
          </div>
        )
      ) : (
        children(items)
      )}
    </>
  );
}
