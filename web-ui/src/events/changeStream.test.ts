import { waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeHub } from '../test/fakeHub';
import { cloudEvent, eventStreams, problem } from '../test/fixtures';
import { backoff, openChangeStream, type StreamState } from './changeStream';
import type { CloudEvent } from './cloudEvents';

let stop: (() => void) | undefined;
afterEach(() => stop?.());

function follow(retryDelay: (attempt: number) => number = () => 0) {
  const events: CloudEvent[] = [];
  const states: StreamState[] = [];
  stop = openChangeStream({ onEvent: (e) => events.push(e), onState: (s) => states.push(s), retryDelay });
  return { events, states };
}

describe('The change stream', () => {
  it('asks for an event stream and hands on each CloudEvent, skipping heartbeats and non-JSON data', async () => {
    const streams = eventStreams();
    fakeHub({ 'GET /api/v1/events/stream': streams.answer });
    const { events, states } = follow();
    await waitFor(() => expect(states).toEqual(['connecting', 'connected']));
    expect(streams.requests()[0].headers.get('Accept')).toBe('text/event-stream');
    expect(streams.requests()[0].headers.has('Last-Event-ID')).toBe(false);

    streams.write(': ping\n\n');
    streams.write('id: 1\nevent: user.created\ndata: not json\n\n');
    streams.send(cloudEvent({ id: '2', type: 'user.disabled', subject: 'users/u2' }));
    await waitFor(() => expect(events.map((e) => [e.id, e.type, e.subject])).toEqual([['2', 'user.disabled', 'users/u2']]));
  });

  it('reconnects after a drop, resuming after the last event it saw', async () => {
    const streams = eventStreams();
    fakeHub({ 'GET /api/v1/events/stream': streams.answer });
    const { events, states } = follow();
    await waitFor(() => expect(streams.requests()).toHaveLength(1));
    streams.send(cloudEvent({ id: '41' }));
    streams.send(cloudEvent({ id: '42' }));
    await waitFor(() => expect(events).toHaveLength(2));

    streams.drop();
    await waitFor(() => expect(streams.requests()).toHaveLength(2));
    expect(streams.requests()[1].headers.get('Last-Event-ID')).toBe('42');
    await waitFor(() => expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']));
    streams.send(cloudEvent({ id: '43' }));
    await waitFor(() => expect(events.map((e) => e.id)).toEqual(['41', '42', '43']));
  });

  it('keeps trying while the hub cannot be reached, waiting longer each time', async () => {
    let calls = 0;
    const streams = eventStreams();
    fakeHub({ 'GET /api/v1/events/stream': (request) => (++calls < 3 ? problem(503, { title: 'Unavailable' }) : streams.answer(request)) });
    const delays: number[] = [];
    const { states } = follow((attempt) => {
      delays.push(attempt);
      return 0;
    });
    await waitFor(() => expect(states.at(-1)).toBe('connected'));
    expect(delays).toEqual([1, 2]);
    expect([1, 2, 3, 6, 10].map(backoff)).toEqual([1000, 2000, 4000, 30_000, 30_000]);
  });

  it('stops when the role may not read the stream', async () => {
    const hub = fakeHub({ 'GET /api/v1/events/stream': problem(403, { title: 'Forbidden' }) });
    const { states } = follow();
    await waitFor(() => expect(states).toEqual(['connecting', 'stopped']));
    expect(hub.requests).toHaveLength(1);
  });
});
