import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { api } from '../shared/api';
import { fakeHub } from '../test/fakeHub';
import { jsonResponse, problem } from '../test/fixtures';
import { RequireAuth } from './RequireAuth';
import { authRoutes } from './routes';
import { SessionProvider } from './SessionProvider';

const session = { accessToken: 't', tokenType: 'Bearer', expiresIn: 300, admin: { username: 'alice', role: 'admin' } };

/** A protected page that calls the API once it shows. */
function PluginsProbe() {
  useEffect(() => {
    api.get('/api/v1/plugins').catch(() => {});
  }, []);
  return <h1>Plugins page</h1>;
}

function renderApp(path: string) {
  const router = createMemoryRouter(
    [
      ...authRoutes,
      {
        element: <RequireAuth />,
        children: [
          { path: '/connectors', element: <h1>Connectors page</h1> },
          { path: '/dashboard', element: <h1>Dashboard page</h1> },
          { path: '/plugins', element: <PluginsProbe /> },
        ],
      },
    ],
    { initialEntries: [path] },
  );
  render(
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>,
  );
  return router;
}

afterEach(async () => {
  fakeHub({ 'POST /api/v1/auth/logout': new Response(null, { status: 204 }) });
  await api.logout();
});

describe('Login', () => {
  it('sends a visitor without a session to the login page', async () => {
    fakeHub({
      'POST /api/v1/auth/refresh': problem(401, {}),
      'GET /api/v1/setup': jsonResponse(200, { setupRequired: false }),
    });
    const router = renderApp('/connectors');
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
  });

  it('keeps a session across a reload through the refresh cookie', async () => {
    fakeHub({ 'POST /api/v1/auth/refresh': jsonResponse(200, session) });
    renderApp('/connectors');
    expect(await screen.findByRole('heading', { name: 'Connectors page' })).toBeInTheDocument();
  });

  it('says "Wrong username or password" after a refused login', async () => {
    const user = userEvent.setup();
    fakeHub({
      'POST /api/v1/auth/refresh': problem(401, {}),
      'GET /api/v1/setup': jsonResponse(200, { setupRequired: false }),
      'POST /api/v1/auth/login': problem(401, { title: 'Unauthorized' }),
    });
    renderApp('/login');
    await user.type(await screen.findByLabelText('Username'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'wrong password');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password');
    expect(screen.getByLabelText('Password')).toHaveValue('');
  });

  it('logs in and goes to the page the admin asked for', async () => {
    const user = userEvent.setup();
    const hub = fakeHub({
      'POST /api/v1/auth/refresh': problem(401, {}),
      'GET /api/v1/setup': jsonResponse(200, { setupRequired: false }),
      'POST /api/v1/auth/login': jsonResponse(200, session),
    });
    const router = renderApp('/connectors');
    await user.type(await screen.findByLabelText('Username'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('heading', { name: 'Connectors page' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/connectors');
    expect(hub.sent('POST', '/api/v1/auth/login')[0].body).toEqual({ username: 'alice', password: 'correct horse battery' });
  });

  it('sends the admin back to login with a notice when the session expires mid-use', async () => {
    let refreshes = 0;
    fakeHub({
      // The first refresh (at start) works; the one after the 401 does not.
      'POST /api/v1/auth/refresh': () => (++refreshes === 1 ? jsonResponse(200, session) : problem(401, {})),
      'GET /api/v1/plugins': problem(401, { title: 'Unauthorized' }),
      'GET /api/v1/setup': jsonResponse(200, { setupRequired: false }),
    });
    const router = renderApp('/plugins');
    expect(await screen.findByTestId('login-notice')).toHaveTextContent('Your session has expired, please log in again');
    expect(router.state.location.pathname).toBe('/login');
  });

  it('links to setup while no admin exists', async () => {
    fakeHub({
      'POST /api/v1/auth/refresh': problem(401, {}),
      'GET /api/v1/setup': jsonResponse(200, { setupRequired: true }),
    });
    renderApp('/login');
    expect(await screen.findByRole('link', { name: 'Create the first admin' })).toHaveAttribute('href', '/setup');
  });
});

describe('Setup', () => {
  it('pre-fills the token from the URL fragment, creates the admin and logs in', async () => {
    const user = userEvent.setup();
    const hub = fakeHub({
      'POST /api/v1/auth/refresh': problem(401, {}),
      'GET /api/v1/setup': jsonResponse(200, { setupRequired: true }),
      'POST /api/v1/setup': jsonResponse(201, session.admin),
      'POST /api/v1/auth/login': jsonResponse(200, session),
    });
    const router = renderApp('/setup#token=one-time-123');
    expect(await screen.findByLabelText('Setup token')).toHaveValue('one-time-123');
    await user.type(screen.getByLabelText('Username'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'a long enough password');
    await user.type(screen.getByLabelText('Confirm password'), 'a long enough password');
    await user.click(screen.getByRole('button', { name: 'Create admin and log in' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/dashboard'));
    expect(hub.sent('POST', '/api/v1/setup')[0].body).toEqual({
      token: 'one-time-123',
      username: 'alice',
      password: 'a long enough password',
    });
  });

  it('refuses a short password and a mismatched confirmation before sending', async () => {
    const user = userEvent.setup();
    const hub = fakeHub({
      'POST /api/v1/auth/refresh': problem(401, {}),
      'GET /api/v1/setup': jsonResponse(200, { setupRequired: true }),
    });
    renderApp('/setup#token=abc');
    await user.type(await screen.findByLabelText('Username'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.type(screen.getByLabelText('Confirm password'), 'other');
    await user.click(screen.getByRole('button', { name: 'Create admin and log in' }));
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Use at least 12 characters');
    expect(screen.getByLabelText('Confirm password')).toHaveAccessibleDescription('The passwords do not match');
    expect(hub.sent('POST', '/api/v1/setup')).toHaveLength(0);
  });

  it('shows why the hub refused the token', async () => {
    const user = userEvent.setup();
    fakeHub({
      'POST /api/v1/auth/refresh': problem(401, {}),
      'GET /api/v1/setup': jsonResponse(200, { setupRequired: true }),
      'POST /api/v1/setup': problem(403, { title: 'Forbidden', detail: 'The setup token is not valid.' }),
    });
    renderApp('/setup#token=bad');
    await user.type(await screen.findByLabelText('Username'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'a long enough password');
    await user.type(screen.getByLabelText('Confirm password'), 'a long enough password');
    await user.click(screen.getByRole('button', { name: 'Create admin and log in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The setup token is not valid.');
  });
});
