import { Link } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { ActionsColumnHeader } from '../shared/ActionsColumnHeader';
import { ClickableRow } from '../shared/ClickableRow';
import { EmptyState } from '../shared/EmptyState';
import { ErrorAlert } from '../shared/ErrorAlert';
import { FlashNotice } from '../shared/FlashNotice';
import { formatDateTime, formatRelative } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { LinkCell } from '../shared/LinkCell';
import { LoadedTable } from '../shared/LoadedTable';
import { PageHeader } from '../shared/PageHeader';
import { useFlash } from '../shared/useFlash';
import { usePageActions } from '../shared/usePageActions';
import { ConnectorStatusBadge } from './ConnectorStatusBadge';
import { listConnectors, startConnector, stopConnector, type Connector } from './connectorsApi';
import { useConnectorTypes } from './useConnectorTypes';

/** How often the list asks the hub for fresh status. */
export const LIST_POLL_MS = 3000;

export function ConnectorsPage() {
  const { can } = useSession();
  // A message from the page that sent us here ("Connector … created"), shown once.
  const [flash] = useFlash();
  const connectors = useLoad(listConnectors, [], LIST_POLL_MS);
  const types = useConnectorTypes();
  /** The id of the connector being started or stopped. */
  const actions = usePageActions<string>();
  const pending = actions.busy;

  const act = (connector: Connector, action: 'start' | 'stop') =>
    actions.run(connector.id, async () => {
      await (action === 'start' ? startConnector(connector.id) : stopConnector(connector.id));
      await connectors.reload();
    });

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
      <FlashNotice message={flash} />
      <ErrorAlert error={actions.error} />
      <LoadedTable
        loaded={connectors}
        empty={
          <EmptyState testId="connectors-empty" title="No connectors yet">
            <p>A connector links the hub to a directory or application, such as Active Directory or Google Workspace.</p>
            {can('configure') && (
              <Link to="/connectors/new" className="btn btn-primary">
                Add the first connector
              </Link>
            )}
          </EmptyState>
        }
      >
        {(list) => (
          <table className="table" data-testid="connectors-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col">Since</th>
                {can('operate') && <ActionsColumnHeader />}
              </tr>
            </thead>
            <tbody>
              {list.map((c) => {
                const to = `/connectors/${encodeURIComponent(c.id)}`;
                return (
                  <ClickableRow key={c.id} to={to} data-testid="connector-row" data-connector-id={c.id}>
                    <LinkCell to={to}>{c.name}</LinkCell>
                    <td>
                      <span>{types.byId.get(c.type)?.displayName ?? c.type}</span>
                      <span className="muted small block">{c.type}</span>
                    </td>
                    <td>
                      <ConnectorStatusBadge status={c.status} />
                      {(c.status?.state === 'failing' || c.status?.state === 'degraded') && c.status.lastError && (
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
                  </ClickableRow>
                );
              })}
            </tbody>
          </table>
        )}
      </LoadedTable>
    </>
  );
}
