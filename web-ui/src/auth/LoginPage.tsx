import { useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, type Location } from 'react-router';
import { ErrorAlert, Notice } from '../shared/ErrorAlert';
import { AuthCard } from './AuthCard';
import { getSetupStatus } from './authApi';
import { useSession } from './SessionProvider';

/** Where to go after login: the page that sent the admin here, else the dashboard. */
function destination(location: Location): string {
  const from = (location.state as { from?: Location } | null)?.from;
  if (!from || from.pathname === '/login' || from.pathname === '/setup') return '/dashboard';
  return `${from.pathname}${from.search}`;
}

export function LoginPage() {
  const { session, status, notice, login, clearNotice } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [setupRequired, setSetupRequired] = useState(false);

  useEffect(() => {
    let cancelled = false;
    getSetupStatus()
      .then((s) => {
        if (!cancelled) setSetupRequired(s.setupRequired === true);
      })
      .catch(() => {
        // The login form still works; a hub that cannot answer shows up on submit.
      });
    return () => {
      cancelled = true;
    };
  }, []);

  if (status === 'ready' && session) return <Navigate to={destination(location)} replace />;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await login(username.trim(), password);
      clearNotice();
      navigate(destination(location), { replace: true });
    } catch (e) {
      setError(e);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title="Log in" subtitle="Sign in to the admin console.">
      {notice && !error && <Notice tone="warning" testId="login-notice">{notice}</Notice>}
      <ErrorAlert error={error} />
      <form className="form" onSubmit={submit} noValidate>
        <div className="form-field">
          <label htmlFor="login-username">Username</label>
          <input
            id="login-username"
            name="username"
            autoComplete="username"
            autoFocus
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="form-field">
          <label htmlFor="login-password">Password</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy || !username || !password}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      {setupRequired && (
        <Notice tone="info" testId="setup-link">
          No administrator exists yet. <Link to="/setup">Create the first admin</Link> with the one-time setup token.
        </Notice>
      )}
    </AuthCard>
  );
}
