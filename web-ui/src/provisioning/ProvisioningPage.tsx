import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { useConnectorList } from '../connectors/useConnectorList';
import { CursorPagedTable } from '../shared/CursorPagedTable';
import { EmptyState } from '../shared/EmptyState';
import { ErrorAlert } from '../shared/ErrorAlert';
import { FilterSelect } from '../shared/FilterSelect';
import { FiltersForm } from '../shared/FiltersForm';
import { FlashNotice } from '../shared/FlashNotice';
import { PageHeader } from '../shared/PageHeader';
import { PAGE_SIZE, useCursorPages } from '../shared/paging';
import { listProvisioningTasks, type TaskStatus } from './provisioningApi';
import { ProvisioningTaskTable } from './ProvisioningTaskTable';
import { TASK_STATUS_LOOKS } from './TaskStatusBadge';
import { UserFilterChip } from './UserFilterChip';
import { useRetryTask } from './useRetryTask';

type FilterName = 'status' | 'connector' | 'user';

const STATUS_OPTIONS = [
  { value: '', label: 'All' },
  ...Object.entries(TASK_STATUS_LOOKS).map(([value, look]) => ({ value, label: look.label })),
];

/**
 * The provisioning log, newest first, 50 a page: what the hub sent to the target systems and
 * how it went. Filters by status, connector and user live in the URL (`?user=<id>` links here
 * from a user's page).
 */
export function ProvisioningPage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const connector = params.get('connector') ?? '';
  const user = params.get('user') ?? '';
  const connectors = useConnectorList();

  const setFilter = (name: FilterName, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  const load = useCallback(
    (cursor: string | undefined) =>
      listProvisioningTasks({
        status: (status || undefined) as TaskStatus | undefined,
        connector: connector || undefined,
        user: user || undefined,
        limit: PAGE_SIZE,
        cursor,
      }),
    [status, connector, user],
  );
  const pages = useCursorPages(load, JSON.stringify([status, connector, user]));
  const { retry, retrying, error, flash } = useRetryTask(pages.reload);

  const connectorOptions = [{ value: '', label: 'All connectors' }, ...(connectors.data ?? []).map((c) => ({ value: c.id, label: c.name }))];
  if (connector && !connectorOptions.some((o) => o.value === connector)) connectorOptions.push({ value: connector, label: connector });
  const filtered = status !== '' || connector !== '' || user !== '';

  return (
    <>
      <PageHeader title="Provisioning" subtitle="The changes the hub sends to the target systems, newest first, and how each went." />
      <FlashNotice message={flash} />
      <ErrorAlert error={error} />
      <FiltersForm label="Filter the provisioning log">
        <FilterSelect id="provisioning-status" label="Status" value={status} options={STATUS_OPTIONS} onChange={(v) => setFilter('status', v)} />
        <FilterSelect id="provisioning-connector" label="Connector" value={connector} options={connectorOptions} onChange={(v) => setFilter('connector', v)} />
        {user && <UserFilterChip userId={user} onClear={() => setFilter('user', '')} />}
        {filtered && (
          <button type="button" className="btn btn-ghost" onClick={() => setParams({}, { replace: true })}>
            Clear
          </button>
        )}
      </FiltersForm>
      <CursorPagedTable
        pages={pages}
        noun={['task', 'tasks']}
        pagerTestId="provisioning-pager"
        empty={
          filtered ? (
            <EmptyState testId="provisioning-empty" title="No matching tasks">
              <p>No provisioning task matches these filters.</p>
            </EmptyState>
          ) : (
            <EmptyState testId="provisioning-empty" title="Nothing provisioned yet">
              <p>Tasks appear when a user or group changes and a connector is a target that receives such changes.</p>
            </EmptyState>
          )
        }
      >
        {(items) => <ProvisioningTaskTable tasks={items} onRetry={can('operate') ? retry : undefined} retrying={retrying} />}
      </CursorPagedTable>
    </>
  );
}
