import { vi } from 'vitest';
import { jsonResponse } from './fixtures';

export interface Request {
  method: string;
  path: string;
  body: unknown;
  headers: Headers;
  signal?: AbortSignal;
}

/** A fixed answer, or one computed per request (a promise holds the answer back until the test resolves it). */
type Answer = Response | ((request: Request) => Response | Promise<Response>);

/**
 * Replaces the global fetch with a tiny hub: `routes` maps "METHOD /path" to an answer.
 * Unknown requests fail the test with a 599 so they are easy to spot.
 */
export function fakeHub(routes: Record<string, Answer>) {
  const requests: Request[] = [];
  const fetchFn = vi.fn(async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'http://hub.test');
    const request: Request = {
      method: init.method ?? 'GET',
      path: url.pathname + url.search,
      // JSON bodies parsed; a multipart upload kept as the FormData sent.
      body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body instanceof FormData ? init.body : undefined,
      headers: new Headers(init.headers),
      signal: init.signal ?? undefined,
    };
    requests.push(request);
    const answer = routes[`${request.method} ${request.path}`] ?? routes[`${request.method} ${url.pathname}`];
    if (!answer) return jsonResponse(599, { title: `No fake for ${request.method} ${request.path}` }, 'application/problem+json');
    // A Response body can be read once: clone so polling can ask again.
    return typeof answer === 'function' ? answer(request) : answer.clone();
  });
  vi.stubGlobal('fetch', fetchFn);
  return {
    requests,
    /** The requests made with this method and path. */
    sent: (method: string, path: string) => requests.filter((r) => r.method === method && r.path === path),
  };
}
