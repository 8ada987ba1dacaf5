import { useConnectorList } from '../connectors/useConnectorList';
import { PageHeader } from '../shared/PageHeader';
import { LIVE_LIMIT, useChangeStream } from './useChangeStream';
import { LiveFeed } from './LiveFeed';

/** Every change the hub records, as it happens. */
export function LiveEventsPage() {
  const stream = useChangeStream();
  const connectors = useConnectorList();
  return (
    <>
      <PageHeader title="Live changes" subtitle={`Changes to users and groups as the hub records them, newest first (the latest ${LIVE_LIMIT}).`} />
      <LiveFeed stream={stream} connectorNames={connectors.names} />
    </>
  );
}
