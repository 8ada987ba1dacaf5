import { useEffect, useState } from 'react';
import { Badge } from '../shared/Badge';
import { EmptyState } from '../shared/EmptyState';
import { LoadErrorAlert } from '../shared/ErrorAlert';
import { formatDateTime } from '../shared/format';
import { NoValue } from '../shared/NoValue';
import { PageHeader } from '../shared/PageHeader';
import { Spinner } from '../shared/Spinner';
import { listAuditEvents, type AuditEvent } from './auditApi';

export const AUDIT_PAGE_SIZE = 50;

interface Filters {
  actor: string;
  action: string;
}

/** Who did what, newest first, with "Load more" for older entries. */
export function AuditPage() {
  const [draft, setDraft] = useState<Filters>({ actor: '', action: '' });
  const [filters, setFilters] = useState<Filters>({ actor: '', action: '' });
  const [items, setItems] = useState<AuditEvent[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    setError(undefined);
    listAuditEvents({ limit: AUDIT_PAGE_SIZE, actor: filters.actor.trim(), action: filters.action.trim() })
      .then((page) => {
        if (cancelled) return;
        setItems(page.items ?? []);
        setNext(page.next ?? null);
      })
      .catch((e) => {
        if (!cancelled) setError(e);
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [filters]);

  const loadMore = async () => {
    if (next === null) return;
    setLoadingMore(true);
    setError(undefined);
    try {
      const page = await listAuditEvents({ limit: AUDIT_PAGE_SIZE, before: next, actor: filters.actor.trim(), action: filters.action.trim() });
      setItems((current) => [...current, ...(page.items ?? [])]);
      setNext(page.next ?? null);
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  const filtered = filters.actor !== '' || filters.action !== '';
  return (
    <>
      <PageHeader title="Audit log" subtitle="Every change and login attempt in the console and the API, newest first." />
      <form
        className="filters card"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters({ ...draft });
        }}
      >
        <div className="form-field">
          <label htmlFor="audit-actor">Actor</label>
          <input id="audit-actor" value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} placeholder="username" />
        </div>
        <div className="form-field">
          <label htmlFor="audit-action">Action</label>
          <input id="audit-action" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} placeholder="e.g. connector.create" />
        </div>
        <button type="submit" className="btn">
          Filter
        </button>
        {filtered && (
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => {
              setDraft({ actor: '', action: '' });
              setFilters({ actor: '', action: '' });
            }}
          >
            Clear
          </button>
        )}
      </form>
      <LoadErrorAlert error={error} />
      {loading ? (
        <Spinner />
      ) : items.length === 0 ? (
        !error && (
          <EmptyState title="No entries">
            <p>{filtered ? 'Nothing matches these filters.' : 'The audit log is empty.'}</p>
          </EmptyState>
        )
      ) : (
        <div className="card table-card">
          <table className="table table-compact" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Outcome</th>
                <th scope="col">Address</th>
              </tr>
            </thead>
            <tbody>
              {items.map((event) => (
                <tr key={event.id} data-testid="audit-row">
                  <td className="nowrap">{formatDateTime(event.at)}</td>
                  <td>{event.actor ?? <span className="muted">system</span>}</td>
                  <td className="mono small">{event.action}</td>
                  <td className="wrap-anywhere">{event.target ?? <NoValue />}</td>
                  <td>
                    <Badge tone={event.outcome === 'success' ? 'success' : 'danger'} state={event.outcome}>
                      {event.outcome === 'success' ? 'Success' : 'Failure'}
                    </Badge>
                  </td>
                  <td className="mono small">{event.remoteAddress ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="table-footer">
            <span className="muted small">
              {items.length} {items.length === 1 ? 'entry' : 'entries'} shown
            </span>
            {next !== null && (
              <button type="button" className="btn btn-sm" onClick={loadMore} disabled={loadingMore}>
                {loadingMore ? 'Loading…' : 'Load more'}
              </button>
            )}
          </div>
        </div>
      )}
    </>
  );
}
