import { useState } from 'react';
import { ApiError, type FieldError } from '../shared/api';
import { ErrorAlert } from '../shared/ErrorAlert';
import { matchFieldErrors } from '../shared/form/fieldErrors';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from '../shared/permissions';
import { createAdmin, USERNAME_PATTERN, type Admin, type Role } from './adminsApi';
import { checkPassword, Field, inputProps, NewPasswordFields } from './fields';

type FieldName = 'username' | 'role' | 'password' | 'confirm';

interface Props {
  onCreated: (admin: Admin) => void;
  onCancel: () => void;
}

/** A new admin account: username, role (each explained), password twice. */
export function AddAdminForm({ onCreated, onCancel }: Props) {
  const [username, setUsername] = useState('');
  // The least powerful role unless the admin picks another.
  const [role, setRole] = useState<Role>('auditor');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [error, setError] = useState<unknown>();
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  const validate = (): Partial<Record<FieldName, string>> => {
    const found: Partial<Record<FieldName, string>> = {};
    if (!USERNAME_PATTERN.test(username)) found.username = 'Use 3 to 64 letters, digits, . _ @ -';
    return { ...found, ...checkPassword(password, confirm) };
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setUnmatched([]);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setError(new ApiError(400, 'Some values need your attention: see the marked fields.'));
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const created = await createAdmin({ username, password, role });
      onCreated(created ?? { username, role });
    } catch (e) {
      if (e instanceof ApiError) {
        const matched = matchFieldErrors(e.fieldErrors, ['username', 'role', 'password']);
        setErrors(matched.byPath);
        setUnmatched(matched.unmatched);
      }
      setError(e);
      setBusy(false);
    }
  };

  return (
    <form className="form add-admin-form" onSubmit={submit} noValidate aria-labelledby="add-admin-title" data-testid="add-admin-form">
      <h2 id="add-admin-title" className="section-title">
        New admin account
      </h2>
      <ErrorAlert error={error} unmatched={unmatched} />
      <div className="admin-form-grid">
        <Field id="admin-username" label="Username" error={errors.username} help="3 to 64 letters, digits, . _ @ -">
          <input
            {...inputProps('admin-username', errors.username, 'admin-username-help')}
            name="username"
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </Field>
        <Field
          id="admin-role"
          label="Role"
          error={errors.role}
          help={
            <ul className="role-help" aria-label="What each role may do">
              {ROLES.map((r) => (
                <li key={r} id={`admin-role-help-${r}`} className={r === role ? 'selected' : undefined}>
                  <strong>{ROLE_LABELS[r]}</strong>: {ROLE_DESCRIPTIONS[r]}
                </li>
              ))}
            </ul>
          }
        >
          <select
            {...inputProps('admin-role', errors.role, `admin-role-help-${role}`)}
            name="role"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </Field>
        <NewPasswordFields
          idPrefix="admin"
          label="Password"
          password={password}
          confirm={confirm}
          errors={errors}
          onPassword={setPassword}
          onConfirm={setConfirm}
        />
      </div>
      <div className="form-actions">
        <span className="spacer" />
        <button type="button" className="btn btn-ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create admin'}
        </button>
      </div>
    </form>
  );
}
