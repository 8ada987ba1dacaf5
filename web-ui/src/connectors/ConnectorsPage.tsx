import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { ErrorAlert, Notice } from '../shared/ErrorAlert';
import { formatDateTime, formatRelative } from '../shared/format';
import { isSessionEnd, useLoad } from '../shared/hooks';
import { PageHeader } from '../shared/PageHeader';
import { Spinner } from '../shared/Spinner';
import { ConnectorStatusBadge } from './ConnectorStatusBadge';
import { listConnectors, startConnector, stopConnector, type Connector } from './connectorsApi';
import { useConnectorTypes } from './useConnectorTypes';

/** How often the list asks the hub for fresh status. */
export const LIST_POLL_MS = 3000;

export function ConnectorsPage() {
  const { can } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  // A message from the page that sent us here ("Connector … created"), shown once.
  const [flash] = useState(() => (location.state as { flash?: string } | null)?.flash);
  useEffect(() => {
    // Once, on mount: clear the message from history so a reload does not show it again.
    if (flash) navigate(location.pathname, { replace: true, state: null });
  }, []);
  const connectors = useLoad(listConnectors, [], LIST_POLL_MS);
  const types = useConnectorTypes();
  const [actionError, setActionError] = useState<unknown>();
  const [pending, setPending] = useState<string | null>(null);

  const act = async (connector: Connector, action: 'start' | 'stop') => {
    setPending(connector.id);
    setActionError(undefined);
    try {
      await (action === 'start' ? startConnector(connector.id) : stopConnector(connector.id));
      await connectors.reload();
    } catch (e) {
      setActionError(e);
    } finally {
      setPending(null);
    }
  };

  const list = connectors.data ?? [];
  return (
    <>
      <PageHeader
        title="Connectors"
        subtitle="Connected directories and applications, and whether the hub is talking to them."
        actions={
          can('configure') && (
            <Link to="/connectors/new" className="btn btn-primary" data-testid="add-connector">
              + Add connector
            </Link>
          )
        }
      />
      {flash && (
        <Notice tone="success" testId="flash">
          {flash}
        </Notice>
      )}
      <ErrorAlert error={actionError} />
      {connectors.error !== undefined && !isSessionEnd(connectors.error) && <ErrorAlert error={connectors.error} />}
      {connectors.loading && !connectors.data ? (
        <Spinner />
      ) : connectors.data && list.length === 0 ? (
        <div className="empty-state" data-testid="connectors-empty">
          <h2>No connectors yet</h2>
          <p>A connector links the hub to a directory or application, such as Active Directory or Google Workspace.</p>
          {can('configure') && (
            <Link to="/connectors/new" className="btn btn-primary">
              Add the first connector
            </Link>
          )}
        </div>
      ) : (
        connectors.data && (
          <div className="card table-card">
            <table className="table" data-testid="connectors-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Status</th>
                  <th scope="col">Since</th>
                  {can('operate') && (
                    <th scope="col" className="actions-col">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {list.map((c) => (
                  <tr key={c.id} data-testid="connector-row" data-connector-id={c.id} className="clickable" onClick={(e) => {
                    if ((e.target as HTMLElement).closest('a, button')) return;
                    navigate(`/connectors/${encodeURIComponent(c.id)}`);
                  }}>
                    <td>
                      <Link to={`/connectors/${encodeURIComponent(c.id)}`} className="strong-link">
                        {c.name}
                      </Link>
                    </td>
                    <td>
                      <span>{types.byId.get(c.type)?.displayName ?? c.type}</span>
                      <span className="muted small block">{c.type}</span>
                    </td>
                    <td>
                      <ConnectorStatusBadge status={c.status} />
                      {c.status?.state === 'failing' && c.status.lastError && (
                        <div className="row-error" data-testid="connector-last-error">
                          {c.status.lastError}
                        </div>
                      )}
                    </td>
                    <td title={formatDateTime(c.status?.since)}>
                      <span className="muted">{formatRelative(c.status?.since) || '—'}</span>
                    </td>
                    {can('operate') && (
                      <td className="actions-col">
                        {c.status?.state === 'stopped' ? (
                          <button type="button" className="btn btn-sm" disabled={pending === c.id} onClick={() => act(c, 'start')}>
                            Start
                          </button>
                        ) : (
                          <button type="button" className="btn btn-sm" disabled={pending === c.id} onClick={() => act(c, 'stop')}>
                            Stop
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      )}
    </>
  );
}
