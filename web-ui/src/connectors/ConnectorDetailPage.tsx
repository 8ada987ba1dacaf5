import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { ConfirmDeleteDialog } from '../shared/ConfirmDeleteDialog';
import { DeleteButton } from '../shared/DeleteButton';
import { DetailPageFallback } from '../shared/DetailPageFallback';
import { ErrorAlert, Notice } from '../shared/ErrorAlert';
import { formatDateTime, formatRelative } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { PageHeader } from '../shared/PageHeader';
import { RefreshFailedNotice } from '../shared/RefreshFailedNotice';
import { Spinner } from '../shared/Spinner';
import { ImportScheduleCard } from '../imports/ImportScheduleCard';
import { ImportsCard } from '../imports/ImportsCard';
import { IMPORT_USERS } from '../imports/importsApi';
import { useConfirmDelete } from '../shared/useConfirmDelete';
import { usePageActions } from '../shared/usePageActions';
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
import { ProvisioningSummary } from './ProvisioningSummary';
import { useConnectorTypes } from './useConnectorTypes';

/** How often the page refreshes the connector's status. */
export const DETAIL_POLL_MS = 3000;

/** One connector: status, its settings form, test, start/stop, delete, its imports and their schedule. */
export function ConnectorDetailPage() {
  const { id = '' } = useParams();
  const { can } = useSession();
  const load = useCallback(() => getConnector(id), [id]);
  const connector = useLoad(load, [id], DETAIL_POLL_MS);
  const types = useConnectorTypes();
  const [formVersion, setFormVersion] = useState(0);
  const [saved, setSaved] = useState(false);
  const [report, setReport] = useState<ConnectionReport>();
  const actions = usePageActions<'test' | 'start' | 'stop' | 'delete'>(() => setSaved(false));
  const busy = actions.busy;

  const c = connector.data;
  const deletion = useConfirmDelete({
    actions,
    remove: () => deleteConnector(id),
    leaveTo: '/connectors',
    flash: `Connector “${c?.name ?? id}” deleted.`,
  });

  const test = () =>
    actions.run('test', async () => {
      setReport(undefined);
      setReport(await testConnector(id));
    });

  const startOrStop = (what: 'start' | 'stop') =>
    actions.run(what, async () => {
      await (what === 'start' ? startConnector(id) : stopConnector(id));
      await connector.reload();
    });

  const save = async ({ name, settings, provisioning }: ConnectorFormSubmit) => {
    setSaved(false);
    await updateConnector(id, { name, settings, provisioning });
    await connector.reload();
    setFormVersion((v) => v + 1);
    setSaved(true);
  };

  const breadcrumb = <Link to="/connectors">← Connectors</Link>;
  if (!c) {
    return <DetailPageFallback noun="connector" listPath="/connectors" listNoun="connectors" breadcrumb={breadcrumb} error={connector.error} />;
  }

  const type = types.byId.get(c.type);
  const stopped = c.status?.state === 'stopped';
  const canImport = (c.capabilities ?? []).includes(IMPORT_USERS);
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
              <button type="button" className="btn" disabled={busy !== null} onClick={() => void test()}>
                {busy === 'test' ? 'Testing…' : 'Test connection'}
              </button>
            )}
            {can('operate') &&
              (stopped ? (
                <button type="button" className="btn" disabled={busy !== null} onClick={() => void startOrStop('start')}>
                  Start
                </button>
              ) : (
                <button type="button" className="btn" disabled={busy !== null} onClick={() => void startOrStop('stop')}>
                  Stop
                </button>
              ))}
            {can('configure') && <DeleteButton disabled={busy !== null} onClick={deletion.ask} />}
          </>
        }
      />

      <ErrorAlert error={actions.error} />
      <RefreshFailedNotice what="the status" error={connector.error} />

      <div className="detail-grid">
        <div className="detail-column">
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
              <ProvisioningSummary provisioning={c.provisioning} />
            </dl>
            {(c.status?.state === 'failing' || c.status?.state === 'degraded') && c.status.lastError && (
              <div className="last-error" data-testid="connector-last-error">
                <strong>Last error</strong>
                <p>{c.status.lastError}</p>
              </div>
            )}
          </section>

          {(canImport || c.schedule) && (
            <ImportScheduleCard connectorId={c.id} schedule={c.schedule} canImport={canImport} onChanged={connector.reload} />
          )}
        </div>

        <section className="card" aria-label="Settings">
          {saved && <Notice tone="success">Changes saved.</Notice>}
          {type ? (
            <ConnectorForm
              key={`${c.id}-${formVersion}`}
              type={type}
              mode="edit"
              initialName={c.name}
              initialSettings={c.settings}
              initialProvisioning={c.provisioning}
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

      <ImportsCard connectorId={c.id} canImport={canImport} lastRunId={c.schedule?.lastRunId} />

      <ConfirmDeleteDialog deletion={deletion} title={`Delete connector “${c.name}”?`}>
        <p>The hub stops the connector and removes its settings and stored secrets. This cannot be undone.</p>
      </ConfirmDeleteDialog>
    </>
  );
}
