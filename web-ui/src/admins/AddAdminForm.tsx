import { useState } from 'react';
import { ErrorAlert } from '../shared/ErrorAlert';
import { FormActions } from '../shared/form/FormActions';
import { fieldInputProps, FormField } from '../shared/form/FormField';
import { useFormSubmit } from '../shared/form/useFormSubmit';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from '../shared/permissions';
import { checkPassword, NewPasswordFields } from '../shared/form/NewPasswordFields';
import { ADMIN_PASSWORD_HELP, ADMIN_PASSWORD_RULES, createAdmin, USERNAME_PATTERN, type Admin, type Role } from './adminsApi';

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

  const validate = (): Partial<Record<FieldName, string>> => {
    const found: Partial<Record<FieldName, string>> = {};
    if (!USERNAME_PATTERN.test(username)) found.username = 'Use 3 to 64 letters, digits, . _ @ -';
    return { ...found, ...checkPassword(password, confirm, ADMIN_PASSWORD_RULES) };
  };

  const { errors, unmatched, error, busy, submit } = useFormSubmit<FieldName>({
    fields: ['username', 'role', 'password'],
    validate,
    send: async () => {
      const created = await createAdmin({ username, password, role });
      onCreated(created ?? { username, role });
    },
  });

  return (
    <form className="form add-admin-form" onSubmit={submit} noValidate aria-labelledby="add-admin-title" data-testid="add-admin-form">
      <h2 id="add-admin-title" className="section-title">
        New admin account
      </h2>
      <ErrorAlert error={error} unmatched={unmatched} />
      <div className="admin-form-grid">
        <FormField id="admin-username" label="Username" required error={errors.username} help="3 to 64 letters, digits, . _ @ -">
          <input
            {...fieldInputProps('admin-username', errors.username, { required: true, help: true })}
            name="username"
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </FormField>
        <FormField
          id="admin-role"
          label="Role"
          required
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
            {...fieldInputProps('admin-role', errors.role, { required: true, describedBy: `admin-role-help-${role}` })}
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
        </FormField>
        <NewPasswordFields
          idPrefix="admin"
          label="Password"
          help={ADMIN_PASSWORD_HELP}
          password={password}
          confirm={confirm}
          errors={errors}
          onPassword={setPassword}
          onConfirm={setConfirm}
        />
      </div>
      <FormActions busy={busy} label="Create admin" busyLabel="Creating…" onCancel={onCancel} />
    </form>
  );
}
