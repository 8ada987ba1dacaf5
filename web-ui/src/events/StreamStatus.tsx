import { errorMessage } from '../shared/api';
import { StateBadge, type StateLook } from '../shared/StateBadge';
import type { StreamState } from './changeStream';

const STREAM_LOOKS: Record<StreamState, StateLook> = {
  connecting: { tone: 'info', label: 'Connecting…' },
  connected: { tone: 'success', label: 'Live' },
  reconnecting: { tone: 'warning', label: 'Reconnecting…' },
  stopped: { tone: 'danger', label: 'Stopped' },
};

/** Whether the live view is connected, as `stream-state` (announced when it changes); why it stopped. */
export function StreamStatus({ state, error }: { state: StreamState; error: unknown }) {
  return (
    <span role="status" className="stream-status">
      <StateBadge looks={STREAM_LOOKS} state={state} testId="stream-state" />
      {state === 'stopped' && error !== undefined && <span className="small text-danger"> {errorMessage(error)}</span>}
    </span>
  );
}
