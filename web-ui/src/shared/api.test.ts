import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, problem } from '../test/fixtures';
import {
  ApiClient,
  ApiError,
  NETWORK_ERROR_MESSAGE,
  SESSION_EXPIRED_MESSAGE,
  TOO_MANY_ATTEMPTS_MESSAGE,
  WRONG_CREDENTIALS_MESSAGE,
  problemToError,
  type Session,
} from './api';

const session = (token: string): Session => ({
  accessToken: token,
  tokenType: 'Bearer',
  expiresIn: 300,
  admin: { username: 'alice', role: 'admin' },
});

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

/** A fake hub: answers each request with the next handler, and records what was asked. */
function fakeHub(...handlers: Handler[]) {
  const calls: { url: string; method: string; authorization?: string; body?: unknown }[] = [];
  const fetchFn = vi.fn(async (url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    calls.push({
      url,
      method: init.method ?? 'GET',
      authorization: headers.Authorization,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
    });
    const handler = handlers.shift();
    if (!handler) throw new Error(`unexpected request ${init.method} ${url}`);
    return handler(url, init);
  });
  return { client: new ApiClient(fetchFn), calls, fetchFn };
}

async function loggedIn(...handlers: Handler[]) {
  const hub = fakeHub(() => jsonResponse(200, session('token-1')), ...handlers);
  await hub.client.login('alice', 'correct horse battery');
  hub.calls.length = 0;
  return hub;
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

describe('problem+json errors', () => {
  it('shows the problem detail and keeps the field errors', async () => {
    const hub = await loggedIn(() =>
      problem(422, {
        title: 'Invalid settings',
        detail: 'The settings do not match the connector type.',
        errors: [{ field: '/settings/urls', message: 'must have at least 1 item' }],
      }),
    );
    const error = await caught(hub.client.post('/api/v1/connectors', { name: 'x', type: 'ldap', settings: {} }));
    expect(error.status).toBe(422);
    expect(error.message).toBe('The settings do not match the connector type.');
    expect(error.fieldErrors).toEqual([{ field: '/settings/urls', message: 'must have at least 1 item' }]);
  });

  it('falls back to the title when there is no detail, then to words for the status', () => {
    expect(problemToError(409, { title: 'Name already used' }).message).toBe('Name already used');
    expect(problemToError(403, {}).message).toBe('You do not have permission to do this');
    expect(problemToError(503, null).message).toBe('The hub could not complete the request (HTTP 503)');
  });

  it('never shows a stack trace from a detail', () => {
    const error = problemToError(500, {
      detail: 'Connection refused\n\tat io.slxconnect.hub.Foo.bar(Foo.java:12)\n\tat java.base/Thread.run',
    });
    expect(error.message).toBe('Connection refused');
  });

  it('does not show a non-JSON error body, such as a proxy page', async () => {
    const hub = await loggedIn(
      () => new Response('<html>java.lang.NullPointerException at ...</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }),
    );
    const error = await caught(hub.client.get('/api/v1/plugins'));
    expect(error.message).toBe('The hub could not complete the request (HTTP 502)');
  });

  it('says "Cannot reach the hub" when the network fails', async () => {
    const hub = await loggedIn(() => {
      throw new TypeError('Failed to fetch');
    });
    const error = await caught(hub.client.get('/api/v1/connectors'));
    expect(error.status).toBe(0);
    expect(error.message).toBe(NETWORK_ERROR_MESSAGE);
  });
});

describe('login', () => {
  it('keeps the access token in memory and sends it as a bearer token', async () => {
    const hub = await loggedIn(() => jsonResponse(200, []));
    await hub.client.get('/api/v1/connectors');
    expect(hub.calls[0].authorization).toBe('Bearer token-1');
    expect(hub.client.currentSession?.admin.username).toBe('alice');
  });

  it('says "Wrong username or password" on 401', async () => {
    const hub = fakeHub(() => problem(401, { title: 'Unauthorized', detail: 'Bad credentials' }));
    const error = await caught(hub.client.login('alice', 'nope'));
    expect(error.message).toBe(WRONG_CREDENTIALS_MESSAGE);
    expect(hub.calls).toHaveLength(1); // no refresh attempt for a failed login
  });

  it('says "Too many failed attempts" on 429', async () => {
    const hub = fakeHub(() => problem(429, { title: 'Too Many Requests' }));
    expect((await caught(hub.client.login('alice', 'nope'))).message).toBe(TOO_MANY_ATTEMPTS_MESSAGE);
  });
});

describe('expired access token', () => {
  it('refreshes once and retries the call with the new token', async () => {
    const hub = await loggedIn(
      () => problem(401, { title: 'Unauthorized' }),
      () => jsonResponse(200, session('token-2')),
      () => jsonResponse(200, [{ id: 'c1' }]),
    );
    const result = await hub.client.get<{ id: string }[]>('/api/v1/connectors');
    expect(result).toEqual([{ id: 'c1' }]);
    expect(hub.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /api/v1/connectors',
      'POST /api/v1/auth/refresh',
      'GET /api/v1/connectors',
    ]);
    expect(hub.calls[1].authorization).toBeUndefined(); // the refresh rides on the cookie
    expect(hub.calls[2].authorization).toBe('Bearer token-2');
  });

  it('ends the session and asks to log in again when the refresh fails', async () => {
    const expired = vi.fn();
    const hub = await loggedIn(
      () => problem(401, { title: 'Unauthorized' }),
      () => problem(401, { title: 'Unauthorized', detail: 'Refresh token expired' }),
    );
    hub.client.onSessionExpired(expired);
    const sessions: (Session | null)[] = [];
    hub.client.subscribe((s) => sessions.push(s));

    const error = await caught(hub.client.get('/api/v1/connectors'));

    expect(error.status).toBe(401);
    expect(error.message).toBe(SESSION_EXPIRED_MESSAGE);
    expect(expired).toHaveBeenCalledWith(SESSION_EXPIRED_MESSAGE);
    expect(hub.client.currentSession).toBeNull();
    expect(sessions).toEqual([null]);
  });

  it('asks to log in again when the retried call is still refused', async () => {
    const expired = vi.fn();
    const hub = await loggedIn(
      () => problem(401, {}),
      () => jsonResponse(200, session('token-2')),
      () => problem(401, {}),
    );
    hub.client.onSessionExpired(expired);
    await caught(hub.client.get('/api/v1/connectors'));
    expect(expired).toHaveBeenCalledTimes(1);
    expect(hub.calls.map((c) => c.url)).toEqual(['/api/v1/connectors', '/api/v1/auth/refresh', '/api/v1/connectors']);
  });

  it('shares one refresh between calls that fail at the same time', async () => {
    let releaseRefresh: () => void = () => {};
    const refreshDone = new Promise<void>((resolve) => (releaseRefresh = resolve));
    const hub = await loggedIn(
      () => problem(401, {}),
      () => problem(401, {}),
      async () => {
        await refreshDone;
        return jsonResponse(200, session('token-2'));
      },
      () => jsonResponse(200, 'a'),
      () => jsonResponse(200, 'b'),
    );
    const both = Promise.all([hub.client.get('/api/v1/connectors'), hub.client.get('/api/v1/plugins')]);
    await vi.waitFor(() => expect(hub.calls.filter((c) => c.url === '/api/v1/auth/refresh')).toHaveLength(1));
    releaseRefresh();
    await both;
    expect(hub.calls.filter((c) => c.url === '/api/v1/auth/refresh')).toHaveLength(1);
  });
});

describe('session restore and logout', () => {
  it('restores the session from the refresh cookie at start', async () => {
    const hub = fakeHub(() => jsonResponse(200, session('token-9')));
    const restored = await hub.client.restoreSession();
    expect(restored?.admin.role).toBe('admin');
    expect(hub.calls[0]).toMatchObject({ method: 'POST', url: '/api/v1/auth/refresh' });
  });

  it('starts logged out when there is no valid refresh cookie', async () => {
    const hub = fakeHub(() => problem(401, {}));
    expect(await hub.client.restoreSession()).toBeNull();
  });

  it('tells the hub on logout and forgets the token even if the hub cannot be reached', async () => {
    const hub = await loggedIn(() => {
      throw new TypeError('Failed to fetch');
    });
    await hub.client.logout();
    expect(hub.calls[0]).toMatchObject({ method: 'POST', url: '/api/v1/auth/logout', authorization: 'Bearer token-1' });
    expect(hub.client.currentSession).toBeNull();
  });
});

describe('requests', () => {
  it('sends JSON bodies and encodes query parameters, leaving out empty ones', async () => {
    const hub = await loggedIn(() => jsonResponse(200, { items: [], next: null }));
    await hub.client.get('/api/v1/audit', { limit: 50, before: 120, actor: '', action: undefined });
    expect(hub.calls[0].url).toBe('/api/v1/audit?limit=50&before=120');
  });

  it('resolves a 204 without reading a body', async () => {
    const hub = await loggedIn(() => new Response(null, { status: 204 }));
    await expect(hub.client.delete('/api/v1/connectors/c1')).resolves.toBeUndefined();
  });
});

describe('uploads', () => {
  const jar = () => new File([new Uint8Array(2048)], 'hr-file-1.1.0.jar', { type: 'application/java-archive' });

  it('posts the form as multipart with the bearer token, and tells 201 from 200', async () => {
    const hub = await loggedIn(
      () => jsonResponse(201, { id: 'hr-file', version: '1.0.0' }),
      () => jsonResponse(200, { id: 'hr-file', version: '1.1.0' }),
    );
    const form = new FormData();
    form.set('file', jar());
    await expect(hub.client.postForm('/api/v1/plugins', form)).resolves.toEqual({ status: 201, body: { id: 'hr-file', version: '1.0.0' } });
    await expect(hub.client.postForm('/api/v1/plugins', form)).resolves.toEqual({ status: 200, body: { id: 'hr-file', version: '1.1.0' } });

    const init = hub.fetchFn.mock.calls[1][1];
    const headers = init.headers as Record<string, string>;
    expect(init.method).toBe('POST');
    expect(headers.Authorization).toBe('Bearer token-1');
    // The browser writes the multipart Content-Type with its boundary; a JSON one would break it.
    expect(headers['Content-Type']).toBeUndefined();
    expect((init.body as FormData).get('file')).toMatchObject({ name: 'hr-file-1.1.0.jar', size: 2048 });
  });

  it('sends the form again after refreshing an expired token', async () => {
    const hub = await loggedIn(
      () => problem(401, { title: 'Unauthorized' }),
      () => jsonResponse(200, session('token-2')),
      () => jsonResponse(201, { id: 'hr-file' }),
    );
    const form = new FormData();
    form.set('file', jar());
    await hub.client.postForm('/api/v1/plugins', form);
    expect(hub.calls.map((c) => `${c.method} ${c.url} ${c.authorization}`)).toEqual([
      'POST /api/v1/plugins Bearer token-1',
      'POST /api/v1/auth/refresh undefined',
      'POST /api/v1/plugins Bearer token-2',
    ]);
    expect(hub.calls[2].body).toBe(form);
  });

  it('fails with the problem’s detail, and in words for a 413 without one (a proxy’s limit)', async () => {
    const hub = await loggedIn(
      () => problem(413, { title: 'Payload Too Large', detail: 'The jar is larger than the limit of 50 MB (SLX_PLUGIN_MAX_BYTES)' }),
      () => new Response('<html>413 Request Entity Too Large</html>', { status: 413, headers: { 'Content-Type': 'text/html' } }),
    );
    const form = new FormData();
    form.set('file', jar());
    await expect(hub.client.postForm('/api/v1/plugins', form)).rejects.toMatchObject({
      status: 413,
      message: 'The jar is larger than the limit of 50 MB (SLX_PLUGIN_MAX_BYTES)',
    });
    await expect(hub.client.postForm('/api/v1/plugins', form)).rejects.toMatchObject({ status: 413, message: 'The upload is larger than the hub accepts' });
  });
});

describe('streams', () => {
  const stream = () => new Response('id: 1\ndata: {}\n\n', { status: 200, headers: { 'Content-Type': 'text/event-stream' } });

  it('opens a stream with the bearer token and the extra headers, handing back the unread response', async () => {
    const hub = await loggedIn(stream);
    const response = await hub.client.open('/api/v1/events/stream', { headers: { Accept: 'text/event-stream', 'Last-Event-ID': '41' } });
    expect(await response.text()).toBe('id: 1\ndata: {}\n\n');
    const headers = hub.fetchFn.mock.calls[1][1].headers as Record<string, string>;
    expect(headers).toMatchObject({ Accept: 'text/event-stream', 'Last-Event-ID': '41', Authorization: 'Bearer token-1' });
  });

  it('refreshes an expired token before opening, and fails with the problem’s words', async () => {
    const hub = await loggedIn(
      () => problem(401, { title: 'Unauthorized' }),
      () => jsonResponse(200, session('token-2')),
      stream,
    );
    await hub.client.open('/api/v1/events/stream');
    expect(hub.calls.map((c) => c.authorization)).toEqual(['Bearer token-1', undefined, 'Bearer token-2']);

    const refused = await loggedIn(() => problem(403, { title: 'Forbidden', detail: 'Your role may not read the stream' }));
    await expect(refused.client.open('/api/v1/events/stream')).rejects.toMatchObject({ status: 403, message: 'Your role may not read the stream' });
  });
});
