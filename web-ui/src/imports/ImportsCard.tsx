import { useCallback, useState } from 'react';
import { useLocation } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { ErrorAlert } from '../shared/ErrorAlert';
import { useLoad } from '../shared/hooks';
import { TableCard, TableCardBody } from '../shared/TableCard';
import { usePageActions } from '../shared/usePageActions';
import { ImportHistoryTable } from './ImportHistoryTable';
import { ImportProgress } from './ImportProgress';
import { runIdFromHash } from './importRun';
import { listImportRuns, startImport, type ImportRun } from './importsApi';

interface Props {
  connectorId: string;
  /** The connector's type imports users: "Import now" is offered to those who operate. */
  canImport: boolean;
  /** The connector's last scheduled run: when it changes, a new run has started. */
  lastRunId?: string | null;
}

/**
 * A connector's imports: "Import now", the progress of a running import (whoever started it),
 * and the last 20 runs.
 */
export function ImportsCard({ connectorId, canImport, lastRunId }: Props) {
  const { can } = useSession();
  const operate = can('operate');
  const load = useCallback(() => listImportRuns(connectorId), [connectorId]);
  const history = useLoad(load, [connectorId, lastRunId]);
  /** The run last heard of by polling or starting it: fresher than the history. */
  const [latest, setLatest] = useState<ImportRun>();
  const actions = usePageActions<'start'>();
  const selectedId = runIdFromHash(useLocation().hash);

  const listed = history.data;
  const runs =
    listed === undefined
      ? undefined
      : latest && !listed.some((r) => r.id === latest.id)
        ? [latest, ...listed]
        : listed.map((r) => (r.id === latest?.id ? latest : r));
  const running = runs?.find((r) => r.status === 'running') ?? (latest?.status === 'running' ? latest : undefined);

  const update = (run: ImportRun) => {
    setLatest(run);
    if (run.status !== 'running') void history.reload();
  };

  const start = () =>
    actions.run('start', async () => {
      const started = await startImport(connectorId);
      if (started) setLatest(started);
    });

  return (
    <TableCard
      id="connector-imports"
      title="Imports"
      note="Users and groups read from this connector, newest first."
      actions={
        canImport &&
        operate && (
          <button type="button" className="btn btn-primary btn-sm" disabled={actions.busy !== null || running !== undefined} onClick={() => void start()}>
            {actions.busy === 'start' ? 'Starting…' : 'Import now'}
          </button>
        )
      }
    >
      {(actions.error !== undefined || running) && (
        <div className="card-block">
          <ErrorAlert error={actions.error} />
          {running && <ImportProgress key={running.id} run={running} canCancel={operate} onUpdate={update} />}
        </div>
      )}
      <TableCardBody
        items={runs}
        loading={history.loading}
        error={history.error}
        emptyTestId="imports-empty"
        empty={canImport ? 'No imports yet.' : 'No imports: this connector’s type does not import users.'}
      >
        {(items) => <ImportHistoryTable runs={items} selectedId={selectedId} />}
      </TableCardBody>
    </TableCard>
  );
}
