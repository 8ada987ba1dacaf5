import { useCallback, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { ApiError } from '../shared/api';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { ErrorAlert, Notice } from '../shared/ErrorAlert';
import { formatDateTime, formatRelative } from '../shared/format';
import { isSessionEnd, useLoad } from '../shared/hooks';
import { PageHeader } from '../shared/PageHeader';
import { Spinner } from '../shared/Spinner';
import { ConnectionReportView } from './ConnectionReportView';
import { ConnectorForm, type ConnectorFormSubmit } from './ConnectorForm';
import { ConnectorStatusBadge } from './ConnectorStatusBadge';
import {
  deleteConnector,
  getConnector,
  startConnector,
  stopConnector,
  testConnector,
  updateConnector,
  type ConnectionReport,
} from './connectorsApi';
import { useConnectorTypes } from './useConnectorTypes';

/** How often the page refreshes the connector's status. */
export const DETAIL_POLL_MS = 3000;

/** One connector: status, its settings form, test, start/stop, delete. */
export function ConnectorDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { can } = useSession();
  const load = useCallback(() => getConnector(id), [id]);
  const connector = useLoad(load, [id], DETAIL_POLL_MS);
  const types = useConnectorTypes();
  const [formVersion, setFormVersion] = useState(0);
  const [saved, setSaved] = useState(false);
  const [actionError, setActionError] = useState<unknown>();
  const [report, setReport] = useState<ConnectionReport>();
  const [busy, setBusy] = useState<'test' | 'start' | 'stop' | 'delete' | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const c = connector.data;
  const notFound = connector.error instanceof ApiError && connector.error.status === 404;

  const run = async (what: 'test' | 'start' | 'stop', action: () => Promise<unknown>) => {
    setBusy(what);
    setActionError(undefined);
    setSaved(false);
    if (what === 'test') setReport(undefined);
    try {
      const result = await action();
      if (what === 'test') setReport(result as ConnectionReport);
      else await connector.reload();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(null);
    }
  };

  const save = async ({ name, settings }: ConnectorFormSubmit) => {
    setSaved(false);
    await updateConnector(id, { name, settings });
    await connector.reload();
    setFormVersion((v) => v + 1);
    setSaved(true);
  };

  const remove = async () => {
    setBusy('delete');
    setActionError(undefined);
    try {
      await deleteConnector(id);
      navigate('/connectors', { replace: true, state: { flash: `Connector “${c?.name ?? id}” deleted.` } });
    } catch (e) {
      setConfirmDelete(false);
      setActionError(e);
      setBusy(null);
    }
  };

  const breadcrumb = <Link to="/connectors">← Connectors</Link>;
  if (!c) {
    return (
      <>
        <PageHeader title="Connector" breadcrumb={breadcrumb} />
        {notFound ? (
          <div className="empty-state" data-testid="connector-not-found">
            <h2>This connector does not exist</h2>
            <p>It may have been deleted.</p>
            <Link to="/connectors" className="btn">
              Back to the connectors
            </Link>
          </div>
        ) : connector.error !== undefined ? (
          !isSessionEnd(connector.error) && <ErrorAlert error={connector.error} />
        ) : (
          <Spinner />
        )}
      </>
    );
  }

  const type = types.byId.get(c.type);
  const stopped = c.status?.state === 'stopped';
  return (
    <>
      <PageHeader
        title={c.name}
        subtitle={
          <>
            {type?.displayName ?? c.type} connector · <span className="mono small">{c.id}</span>
          </>
        }
        breadcrumb={breadcrumb}
        actions={
          <>
            {can('operate') && (
              <button type="button" className="btn" disabled={busy !== null} onClick={() => run('test', () => testConnector(id))}>
                {busy === 'test' ? 'Testing…' : 'Test connection'}
              </button>
            )}
            {can('operate') &&
              (stopped ? (
                <button type="button" className="btn" disabled={busy !== null} onClick={() => run('start', () => startConnector(id))}>
                  Start
                </button>
              ) : (
                <button type="button" className="btn" disabled={busy !== null} onClick={() => run('stop', () => stopConnector(id))}>
                  Stop
                </button>
              ))}
            {can('configure') && (
              <button type="button" className="btn btn-danger" disabled={busy !== null} onClick={() => setConfirmDelete(true)}>
                Delete
              </button>
            )}
          </>
        }
      />

      <ErrorAlert error={actionError} />
      {connector.error !== undefined && !isSessionEnd(connector.error) && (
        <Notice tone="warning">Could not refresh the status: {connector.error instanceof ApiError ? connector.error.message : 'unknown error'}</Notice>
      )}

      <div className="detail-grid">
        <section className="card status-card" aria-labelledby="status-title">
          <h2 id="status-title" className="section-title">
            Status
          </h2>
          <dl className="props">
            <dt>State</dt>
            <dd>
              <ConnectorStatusBadge status={c.status} />
            </dd>
            <dt>Since</dt>
            <dd title={formatDateTime(c.status?.since)}>
              {formatDateTime(c.status?.since)} <span className="muted">{formatRelative(c.status?.since)}</span>
            </dd>
            <dt>Starts with the hub</dt>
            <dd>{c.enabled ? 'Yes' : 'No'}</dd>
            <dt>Type</dt>
            <dd>
              {type?.displayName ?? c.type}
              {type?.pluginId && <span className="muted small block">{`${type.pluginId} ${type.pluginVersion ?? ''}`}</span>}
            </dd>
            <dt>Created</dt>
            <dd>{formatDateTime(c.createdAt)}</dd>
            <dt>Updated</dt>
            <dd>{formatDateTime(c.updatedAt)}</dd>
          </dl>
          {c.status?.state === 'failing' && c.status.lastError && (
            <div className="last-error" data-testid="connector-last-error">
              <strong>Last error</strong>
              <p>{c.status.lastError}</p>
            </div>
          )}
        </section>

        <section className="card" aria-label="Settings">
          {saved && <Notice tone="success">Changes saved.</Notice>}
          {type ? (
            <ConnectorForm
              key={`${c.id}-${formVersion}`}
              type={type}
              mode="edit"
              initialName={c.name}
              initialSettings={c.settings}
              secretsSet={c.secretsSet ?? []}
              readOnly={!can('configure')}
              onSubmit={save}
            />
          ) : types.loading ? (
            <Spinner />
          ) : (
            <>
              <Notice tone="warning">
                The connector type <code>{c.type}</code> is not installed: its plugin is missing or failed to load. See{' '}
                <Link to="/plugins">Plugins</Link>.
              </Notice>
              <pre className="settings-json">{JSON.stringify(c.settings ?? {}, null, 2)}</pre>
            </>
          )}
        </section>
      </div>

      {report && (
        <section className="card" aria-label="Connection test">
          <ConnectionReportView report={report} />
        </section>
      )}

      <ConfirmDialog
        open={confirmDelete}
        title={`Delete connector “${c.name}”?`}
        confirmLabel={busy === 'delete' ? 'Deleting…' : 'Delete'}
        danger
        busy={busy === 'delete'}
        onConfirm={remove}
        onCancel={() => setConfirmDelete(false)}
      >
        <p>The hub stops the connector and removes its settings and stored secrets. This cannot be undone.</p>
      </ConfirmDialog>
    </>
  );
}
