import { Link } from 'react-router';
import { ActionsColumnHeader } from '../shared/ActionsColumnHeader';
import { formatDateTime } from '../shared/format';
import { NoValue } from '../shared/NoValue';
import type { ProvisioningTask } from './provisioningApi';
import { TaskStatusBadge } from './TaskStatusBadge';
import { operationLabel } from './taskOperations';

interface Props {
  tasks: ProvisioningTask[];
  /** Tries a failed task again; no Retry button without it. */
  onRetry?: (task: ProvisioningTask) => void;
  /** The id of the task being retried: the Retry buttons wait meanwhile. */
  retrying?: string | null;
}

/** Provisioning tasks, newest first: when, where, whom, what, how it went, and Retry for a failed one. */
export function ProvisioningTaskTable({ tasks, onRetry, retrying = null }: Props) {
  return (
    <table className="table table-compact" data-testid="provisioning-table">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Connector</th>
          <th scope="col">Subject</th>
          <th scope="col">Operation</th>
          <th scope="col">Status</th>
          <th scope="col" className="num-col">
            Attempts
          </th>
          <th scope="col">Last error</th>
          <th scope="col" className="nowrap">
            Next attempt
          </th>
          {onRetry && <ActionsColumnHeader />}
        </tr>
      </thead>
      <tbody>
        {tasks.map((t) => (
          <tr key={t.id} data-testid="provisioning-row" data-task-id={t.id} data-status={t.status}>
            <td className="time-cell">{formatDateTime(t.createdAt)}</td>
            <td>
              <Link to={`/connectors/${encodeURIComponent(t.connectorId)}`}>{t.connectorName || t.connectorId}</Link>
            </td>
            <td className="wrap-anywhere">{t.userId ? <Link to={`/users/${encodeURIComponent(t.userId)}`}>{t.subject}</Link> : t.subject}</td>
            <td>{operationLabel(t.operation)}</td>
            <td>
              <TaskStatusBadge status={t.status} />
            </td>
            <td className="num-col">{t.attempts ?? 0}</td>
            <td className="error-cell small">{t.lastError ? <span className="text-danger">{t.lastError}</span> : <NoValue />}</td>
            <td className="time-cell">{t.nextAttemptAt ? formatDateTime(t.nextAttemptAt) : <NoValue />}</td>
            {onRetry && (
              <td className="actions-col">
                {t.status === 'failed' && (
                  <button
                    type="button"
                    className="btn btn-sm"
                    aria-label={`Retry: ${operationLabel(t.operation)} ${t.subject}`}
                    disabled={retrying !== null}
                    onClick={() => onRetry(t)}
                  >
                    {retrying === String(t.id) ? 'Retrying…' : 'Retry'}
                  </button>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
