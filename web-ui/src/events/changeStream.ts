import { api, ApiError } from '../shared/api';
import type { CloudEvent } from './cloudEvents';
import { SseParser, type SseMessage } from './sse';

export const STREAM_PATH = '/api/v1/events/stream';

/** `connecting` the first time, `reconnecting` after a drop, `stopped` when retrying cannot help (no permission, session over). */
export type StreamState = 'connecting' | 'connected' | 'reconnecting' | 'stopped';

export interface ChangeStreamOptions {
  onEvent: (event: CloudEvent) => void;
  onState: (state: StreamState, error?: unknown) => void;
  /** Milliseconds to wait before the n-th reconnect in a row (1, 2, …). */
  retryDelay?: (attempt: number) => number;
}

/** 1 s, 2 s, 4 s … up to 30 s. */
export const backoff = (attempt: number) => Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** 401 (the session is over: the app goes to /login) and 403 do not get better by retrying. */
const isFinal = (error: unknown) => error instanceof ApiError && (error.status === 401 || error.status === 403);

/**
 * Follows the hub's change stream until stopped: reads the body as it arrives, parses the SSE
 * messages and hands on their CloudEvents. When the connection drops it reconnects with backoff,
 * sending `Last-Event-ID` so the hub resumes after the last event seen. Returns the stop function.
 */
export function openChangeStream({ onEvent, onState, retryDelay = backoff }: ChangeStreamOptions): () => void {
  const controller = new AbortController();
  const signal = controller.signal;

  const run = async () => {
    let lastId: string | undefined;
    let attempt = 0;
    const onMessage = (message: SseMessage) => {
      lastId = message.id ?? lastId;
      const event = parseCloudEvent(message.data);
      if (event) onEvent(event);
    };
    onState('connecting');
    while (!signal.aborted) {
      let error: unknown;
      try {
        const headers: Record<string, string> = { Accept: 'text/event-stream' };
        if (lastId !== undefined) headers['Last-Event-ID'] = lastId;
        const response = await api.open(STREAM_PATH, { signal, headers });
        onState('connected');
        attempt = 0;
        await read(response, onMessage);
      } catch (e) {
        error = e;
      }
      if (signal.aborted) return;
      if (isFinal(error)) {
        onState('stopped', error);
        return;
      }
      attempt += 1;
      onState('reconnecting', error);
      await sleep(retryDelay(attempt), signal);
    }
  };

  void run();
  return () => controller.abort();
}

/** A message's data as a CloudEvent; undefined when it is not one. */
function parseCloudEvent(data: string): CloudEvent | undefined {
  try {
    const event: unknown = JSON.parse(data);
    return typeof event === 'object' && event !== null && typeof (event as CloudEvent).type === 'string' ? (event as CloudEvent) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads the stream to its end, handing on each message. */
async function read(response: Response, onMessage: (message: SseMessage) => void): Promise<void> {
  if (!response.body) return;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    parser.push(decoder.decode(value, { stream: true })).forEach(onMessage);
  }
}
