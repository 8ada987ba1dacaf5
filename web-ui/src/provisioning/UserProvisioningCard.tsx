import { useCallback } from 'react';
import { Link } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { ErrorAlert } from '../shared/ErrorAlert';
import { FlashNotice } from '../shared/FlashNotice';
import { useLoad } from '../shared/hooks';
import { TableCard, TableCardBody } from '../shared/TableCard';
import { listProvisioningTasks } from './provisioningApi';
import { ProvisioningTaskTable } from './ProvisioningTaskTable';
import { useRetryTask } from './useRetryTask';

/** How many of a user's tasks their page shows. */
export const USER_TASKS_LIMIT = 20;

interface Props {
  userId: string;
  /** Bumped when the user changed: the tasks load again. */
  version: number;
}

/** A user's latest provisioning tasks, with Retry for failed ones and a link to the full log. */
export function UserProvisioningCard({ userId, version }: Props) {
  const { can } = useSession();
  const load = useCallback(async () => (await listProvisioningTasks({ user: userId, limit: USER_TASKS_LIMIT })).items ?? [], [userId]);
  const tasks = useLoad(load, [userId, version]);
  const { retry, retrying, error, flash } = useRetryTask(tasks.reload);

  return (
    <TableCard
      id="user-provisioning"
      title="Provisioning"
      note="The latest changes sent to the connected systems for this user."
      actions={<Link to={`/provisioning?user=${encodeURIComponent(userId)}`}>See the full log</Link>}
    >
      {(flash || error !== undefined) && (
        <div className="card-block">
          <FlashNotice message={flash} />
          <ErrorAlert error={error} />
        </div>
      )}
      <TableCardBody
        items={tasks.data}
        loading={tasks.loading}
        error={tasks.error}
        emptyTestId="user-provisioning-empty"
        empty="Nothing sent for this user yet: tasks appear when the user changes and a target connector receives such changes."
      >
        {(items) => <ProvisioningTaskTable tasks={items} onRetry={can('operate') ? retry : undefined} retrying={retrying} />}
      </TableCardBody>
    </TableCard>
  );
}
