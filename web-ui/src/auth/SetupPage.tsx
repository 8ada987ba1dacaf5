import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../shared/api';
import { ErrorAlert, Notice } from '../shared/ErrorAlert';
import { matchFieldErrors } from '../shared/form/fieldErrors';
import { AuthCard } from './AuthCard';
import { completeSetup, getSetupStatus, MIN_PASSWORD_LENGTH, USERNAME_PATTERN } from './authApi';
import { useSession } from './SessionProvider';

/** The token in `/setup#token=...`: a fragment never reaches the hub or its logs. */
function tokenFromFragment(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

type Field = 'token' | 'username' | 'password' | 'confirm';

export function SetupPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const { login } = useSession();
  const [token, setToken] = useState(() => tokenFromFragment(location.hash));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<unknown>();
  const [unmatched, setUnmatched] = useState<ApiError['fieldErrors']>([]);
  const [busy, setBusy] = useState(false);
  const [alreadyDone, setAlreadyDone] = useState(false);

  useEffect(() => {
    getSetupStatus()
      .then((s) => setAlreadyDone(s.setupRequired === false))
      .catch(() => {});
  }, []);

  useEffect(() => {
    // A token link opened while this page is already showing, then keep the token out of the
    // address bar and history once it is in the form.
    const fromLink = tokenFromFragment(location.hash);
    if (fromLink) setToken(fromLink);
    if (location.hash) navigate(location.pathname, { replace: true });
  }, [location.hash, location.pathname, navigate]);

  const validate = (): Partial<Record<Field, string>> => {
    const found: Partial<Record<Field, string>> = {};
    if (!token.trim()) found.token = 'Paste the setup token';
    if (!USERNAME_PATTERN.test(username)) found.username = 'Use 3 to 64 letters, digits, . _ @ -';
    if (password.length < MIN_PASSWORD_LENGTH) found.password = `Use at least ${MIN_PASSWORD_LENGTH} characters`;
    if (confirm !== password) found.confirm = 'The passwords do not match';
    return found;
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setUnmatched([]);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await completeSetup(token.trim(), username, password);
      await login(username, password);
      navigate('/dashboard', { replace: true });
    } catch (e) {
      if (e instanceof ApiError) {
        const matched = matchFieldErrors(e.fieldErrors, ['token', 'username', 'password']);
        setErrors(matched.byPath);
        setUnmatched(matched.unmatched);
        if (e.status === 409) setAlreadyDone(true);
      }
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const field = (name: Field, label: string, input: React.ReactNode, help?: string) => (
    <div className={`form-field${errors[name] ? ' has-error' : ''}`}>
      <span className="label-row">
        <label htmlFor={`setup-${name}`}>{label}</label>
        <span className="required-mark" aria-hidden="true">
          *
        </span>
      </span>
      {input}
      {errors[name] && (
        <p className="field-error" id={`setup-${name}-error`}>
          {errors[name]}
        </p>
      )}
      {help && !errors[name] && <p className="field-help">{help}</p>}
    </div>
  );
  const aria = (name: Field) => ({
    id: `setup-${name}`,
    name,
    required: true,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `setup-${name}-error` : undefined,
  });

  return (
    <AuthCard title="Create the first admin" subtitle="This account has the administrator role. You need the one-time setup token the hub printed when it first started.">
      {alreadyDone && (
        <Notice tone="info" testId="setup-done">
          Setup is already complete. <Link to="/login">Log in</Link> instead.
        </Notice>
      )}
      <ErrorAlert error={error} unmatched={unmatched} />
      <form className="form" onSubmit={submit} noValidate>
        {field('token', 'Setup token', <input {...aria('token')} autoComplete="off" spellCheck={false} value={token} onChange={(e) => setToken(e.target.value)} />)}
        {field('username', 'Username', <input {...aria('username')} autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />, '3 to 64 letters, digits, . _ @ -')}
        {field('password', 'Password', <input {...aria('password')} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />, `At least ${MIN_PASSWORD_LENGTH} characters`)}
        {field('confirm', 'Confirm password', <input {...aria('confirm')} type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />)}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Creating…' : 'Create admin and log in'}
        </button>
      </form>
      <p className="auth-alt">
        <Link to="/login">Back to login</Link>
      </p>
    </AuthCard>
  );
}
