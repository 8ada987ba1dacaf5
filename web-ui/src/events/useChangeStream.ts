import { useEffect, useState } from 'react';
import type { CloudEvent } from './cloudEvents';
import { openChangeStream, type StreamState } from './changeStream';

/** How many of the newest events the live views keep. */
export const LIVE_LIMIT = 200;

export interface ChangeStream {
  state: StreamState;
  /** Why the connection dropped or stopped; undefined while connected. */
  error: unknown;
  /** The newest events first, at most {@link LIVE_LIMIT}. */
  events: CloudEvent[];
}

/** Follows the hub's change stream while the component is mounted. */
export function useChangeStream(): ChangeStream {
  const [state, setState] = useState<StreamState>('connecting');
  const [error, setError] = useState<unknown>();
  const [events, setEvents] = useState<CloudEvent[]>([]);

  useEffect(
    () =>
      openChangeStream({
        // A resumed stream may repeat the event it resumed at: keep one of each.
        onEvent: (event) => setEvents((list) => (list.some((e) => e.id === event.id) ? list : [event, ...list].slice(0, LIVE_LIMIT))),
        onState: (next, reason) => {
          setState(next);
          setError(reason);
        },
      }),
    [],
  );

  return { state, error, events };
}
