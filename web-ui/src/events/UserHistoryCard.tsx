import { useCallback } from 'react';
import { useConnectorList } from '../connectors/useConnectorList';
import { useLoad } from '../shared/hooks';
import { TableCard, TableCardBody } from '../shared/TableCard';
import { ChangeEventsTable } from './ChangeEventsTable';
import { listChangeEvents } from './eventsApi';

/** How many of a user's change events their page shows. */
export const USER_EVENTS_LIMIT = 20;

interface Props {
  userId: string;
  /** Bumped when the user changed: the history loads again. */
  version: number;
}

/** A user's latest changes: created, attributes changed (which), disabled, accounts linked, groups… */
export function UserHistoryCard({ userId, version }: Props) {
  const load = useCallback(async () => (await listChangeEvents({ user: userId, limit: USER_EVENTS_LIMIT })).items ?? [], [userId]);
  const events = useLoad(load, [userId, version]);
  const connectors = useConnectorList();

  return (
    <TableCard id="user-history" title="History" note="The latest changes to this user, newest first.">
      <TableCardBody items={events.data} loading={events.loading} error={events.error} emptyTestId="user-history-empty" empty="No changes recorded yet.">
        {(items) => <ChangeEventsTable events={items} connectorNames={connectors.names} />}
      </TableCardBody>
    </TableCard>
  );
}
