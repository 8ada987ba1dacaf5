/**
 * The console's HTTP client for the hub's admin API (see hub/src/main/resources/openapi.json).
 *
 * - The access token lives in memory only. The refresh token is an HttpOnly cookie the hub sets
 *   at login (path /api/v1/auth); the browser sends it to /auth/refresh and /auth/logout.
 * - A 401 from any other call triggers one refresh and one retry; when that fails too the
 *   session has expired and the registered handler sends the user to the login page.
 * - Errors arrive as application/problem+json and become an {@link ApiError} whose message is
 *   fit to show: the problem's detail (or title), never a response body or a stack trace.
 */

export type Role = 'admin' | 'operator' | 'auditor';

export interface Admin {
  username: string;
  role: Role;
  enabled?: boolean;
  createdAt?: string;
  lastLoginAt?: string | null;
}

export interface Session {
  accessToken: string;
  tokenType?: 'Bearer';
  /** Seconds. */
  expiresIn: number;
  admin: Admin;
}

/** One entry of a problem's `errors`: `field` is a path such as `/settings/urls` or `settings.urls`. */
export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details as the hub sends them. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
}

export const NETWORK_ERROR_MESSAGE = 'Cannot reach the hub';
export const SESSION_EXPIRED_MESSAGE = 'Your session has expired, please log in again';
export const WRONG_CREDENTIALS_MESSAGE = 'Wrong username or password';
export const TOO_MANY_ATTEMPTS_MESSAGE = 'Too many failed attempts, try again later';

/** A failed API call, with a message fit to show to the user. */
export class ApiError extends Error {
  /** HTTP status; 0 when the hub could not be reached. */
  readonly status: number;
  /** The problem's title, when it had one. */
  readonly title?: string;
  /** Per-field messages from the problem's `errors`. */
  readonly fieldErrors: FieldError[];

  constructor(status: number, message: string, fieldErrors: FieldError[] = [], title?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.fieldErrors = fieldErrors;
    this.title = title;
  }
}

/** What to say when a failed response carries no usable problem details. */
export function messageForStatus(status: number): string {
  switch (status) {
    case 0:
      return NETWORK_ERROR_MESSAGE;
    case 400:
      return 'The request was not valid';
    case 401:
      return 'You are not logged in';
    case 403:
      return 'You do not have permission to do this';
    case 404:
      return 'Not found: it may have been deleted';
    case 409:
      return 'This conflicts with the current state: reload and try again';
    case 413:
      return 'The upload is larger than the hub accepts';
    case 422:
      return 'Some values are not valid';
    case 429:
      return 'Too many requests, try again later';
    default:
      return status >= 500
        ? `The hub could not complete the request (HTTP ${status})`
        : `The request failed (HTTP ${status})`;
  }
}

const STACK_LINE = /^\s*(at\s+\S+|Caused by:|\.\.\. \d+ more)/;

/** Keeps the human part of a message: stops at the first stack-trace line, caps the length. */
export function cleanMessage(text: string): string {
  const lines = text.split(/\r?\n/);
  const kept: string[] = [];
  for (const line of lines) {
    if (STACK_LINE.test(line)) break;
    kept.push(line);
  }
  const message = kept.join(' ').replace(/\s+/g, ' ').trim();
  return message.length > 500 ? `${message.slice(0, 497)}...` : message;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonBlank(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const cleaned = cleanMessage(value);
  return cleaned === '' ? undefined : cleaned;
}

/** Turns a failed response's status and (parsed) body into an {@link ApiError}. */
export function problemToError(status: number, body: unknown): ApiError {
  const problem = isRecord(body) ? body : {};
  const detail = nonBlank(problem.detail);
  const title = nonBlank(problem.title);
  const fieldErrors: FieldError[] = Array.isArray(problem.errors)
    ? problem.errors.filter(isRecord).flatMap((e) => {
        const message = nonBlank(e.message);
        return message ? [{ field: typeof e.field === 'string' ? e.field : '', message }] : [];
      })
    : [];
  return new ApiError(status, detail ?? title ?? messageForStatus(status), fieldErrors, title);
}

/** A message fit to show for anything a call may throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong in the console: reload the page and try again';
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  /** Sent as JSON, or as multipart/form-data when it is a FormData. */
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Extra request headers, such as `Last-Event-ID`. */
  headers?: Record<string, string>;
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** A successful answer with its status, for calls whose status tells apart outcomes (201 / 200). */
export interface Answer<T> {
  status: number;
  body: T;
}

export class ApiClient {
  private session: Session | null = null;
  private refreshing: Promise<Session | null> | null = null;
  private readonly listeners = new Set<(session: Session | null) => void>();
  private expiredHandler: (message: string) => void = () => {};

  /**
   * @param fetchFn the fetch to use; resolved at call time so tests can replace the global one
   * @param baseUrl prefix of every path; empty because the console is served by the hub itself
   */
  constructor(
    private readonly fetchFn: Fetch = (input, init) => globalThis.fetch(input, init),
    private readonly baseUrl = '',
  ) {}

  /** The logged-in session, or null. */
  get currentSession(): Session | null {
    return this.session;
  }

  /** Calls the listener whenever the session starts, is refreshed or ends. */
  subscribe(listener: (session: Session | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called with {@link SESSION_EXPIRED_MESSAGE} when a call finds the session gone for good. */
  onSessionExpired(handler: (message: string) => void): void {
    this.expiredHandler = handler;
  }

  /** At start: gets a new access token from the refresh cookie, if there is a valid one. */
  restoreSession(): Promise<Session | null> {
    return this.refresh();
  }

  async login(username: string, password: string): Promise<Session> {
    const response = await this.send('POST', '/api/v1/auth/login', { body: { username, password } }, false);
    if (response.ok) return this.startSession(response);
    if (response.status === 401) throw new ApiError(401, WRONG_CREDENTIALS_MESSAGE);
    if (response.status === 429) throw new ApiError(429, TOO_MANY_ATTEMPTS_MESSAGE);
    throw await this.toError(response);
  }

  /** Ends the session on the hub (revoking the refresh cookie) and here, whatever the hub says. */
  async logout(): Promise<void> {
    try {
      if (this.session) await this.call('POST', '/api/v1/auth/logout', {}, false);
    } catch {
      // Logged out locally all the same.
    } finally {
      this.setSession(null);
    }
  }

  get<T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal): Promise<T> {
    return this.call<T>('GET', path, { query, signal });
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.call<T>('POST', path, { body });
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('PUT', path, { body });
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('PATCH', path, { body });
  }

  delete(path: string, query?: Record<string, QueryValue>): Promise<void> {
    return this.call<void>('DELETE', path, { query });
  }

  /**
   * A multipart/form-data POST (a file upload) with the same bearer token, refresh-and-retry and
   * problem+json errors as every call; the browser sets the multipart boundary. Resolves with
   * the status too, since an upload may answer 201 (created) or 200 (replaced).
   */
  async postForm<T>(path: string, form: FormData): Promise<Answer<T>> {
    const response = await this.authorized('POST', path, { body: form }, true);
    return { status: response.status, body: (response.status === 204 ? undefined : await this.readJson(response)) as T };
  }

  /** Any authenticated call: retries once after a refresh when the access token has expired. */
  async call<T>(method: string, path: string, options: RequestOptions = {}, expireOnFailure = true): Promise<T> {
    const response = await this.authorized(method, path, options, expireOnFailure);
    if (response.status === 204) return undefined as T;
    return (await this.readJson(response)) as T;
  }

  /**
   * A GET whose body the caller reads as it arrives (an event stream): EventSource cannot send
   * the bearer token, so the stream is a plain fetch with the same refresh-and-retry as a call.
   */
  open(path: string, options: Pick<RequestOptions, 'signal' | 'headers'> = {}): Promise<Response> {
    return this.authorized('GET', path, options, true);
  }

  /** Sends with the access token, refreshing it once on a 401; an ApiError for a failed answer. */
  private async authorized(method: string, path: string, options: RequestOptions, expireOnFailure: boolean): Promise<Response> {
    let response = await this.send(method, path, options, true);
    if (response.status === 401) {
      const session = await this.refresh();
      if (session) response = await this.send(method, path, options, true);
      if (!session || response.status === 401) {
        this.setSession(null);
        if (expireOnFailure) this.expiredHandler(SESSION_EXPIRED_MESSAGE);
        throw new ApiError(401, SESSION_EXPIRED_MESSAGE);
      }
    }
    if (!response.ok) throw await this.toError(response);
    return response;
  }

  /** One refresh at a time: concurrent 401s share it. Resolves null when there is no session. */
  private refresh(): Promise<Session | null> {
    if (!this.refreshing) {
      this.refreshing = (async () => {
        try {
          const response = await this.send('POST', '/api/v1/auth/refresh', {}, false);
          if (response.ok) return await this.startSession(response);
          if (response.status === 400 || response.status === 401 || response.status === 403) {
            this.setSession(null);
            return null;
          }
          throw await this.toError(response);
        } finally {
          this.refreshing = null;
        }
      })();
    }
    return this.refreshing;
  }

  private async startSession(response: Response): Promise<Session> {
    const session = (await this.readJson(response)) as Session;
    if (!session || typeof session.accessToken !== 'string' || !session.admin) {
      throw new ApiError(response.status, 'The hub sent an unexpected answer: reload the page and try again');
    }
    this.setSession(session);
    return session;
  }

  private setSession(session: Session | null): void {
    if (this.session === session) return;
    this.session = session;
    for (const listener of this.listeners) listener(session);
  }

  private async send(method: string, path: string, options: RequestOptions, withToken: boolean): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers };
    const multipart = options.body instanceof FormData;
    if (options.body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
    if (withToken && this.session) headers.Authorization = `Bearer ${this.session.accessToken}`;
    try {
      return await this.fetchFn(this.url(path, options.query), {
        method,
        headers,
        body: options.body === undefined ? undefined : multipart ? (options.body as FormData) : JSON.stringify(options.body),
        credentials: 'same-origin',
        signal: options.signal,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, NETWORK_ERROR_MESSAGE);
    }
  }

  private url(path: string, query?: Record<string, QueryValue>): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
    }
    const search = params.toString();
    return `${this.baseUrl}${path}${search ? `?${search}` : ''}`;
  }

  private async readJson(response: Response): Promise<unknown> {
    try {
      return await response.json();
    } catch {
      throw new ApiError(response.status, 'The hub sent an unexpected answer: reload the page and try again');
    }
  }

  private async toError(response: Response): Promise<ApiError> {
    const type = response.headers.get('Content-Type') ?? '';
    let body: unknown = null;
    if (type.includes('json')) {
      try {
        body = await response.json();
      } catch {
        body = null;
      }
    }
    return problemToError(response.status, body);
  }
}

/** The console's one client. */
export const api = new ApiClient();
