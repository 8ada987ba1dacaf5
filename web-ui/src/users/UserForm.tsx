import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../shared/ErrorAlert';
import { FormActions } from '../shared/form/FormActions';
import { fieldInputProps, FormField } from '../shared/form/FormField';
import { useFormSubmit } from '../shared/form/useFormSubmit';
import { UserPicker } from './UserPicker';
import { EMAIL_PATTERN, MAX_EMAILS, userLabel, type User, type UserInput, type UserRef } from './usersApi';

/** The form's text fields, named as in UserInput. */
type TextName = 'userName' | 'displayName' | 'givenName' | 'familyName' | 'department' | 'employeeNumber';
type FieldName = TextName | 'emails' | 'managerId' | 'active';

/** The fields a hub error can point to; errors for others (attributes) are listed at the top. */
const KNOWN_PATHS: readonly FieldName[] = [
  'userName',
  'displayName',
  'givenName',
  'familyName',
  'emails',
  'department',
  'employeeNumber',
  'managerId',
  'active',
];

const TEXT_FIELDS: { name: TextName; label: string; help?: string; autoComplete?: string }[] = [
  { name: 'userName', label: 'User name', help: 'Unique, not case-sensitive; usually the login name' },
  { name: 'displayName', label: 'Display name', help: 'How people see the name, e.g. “Ada Lovelace”' },
  { name: 'givenName', label: 'Given name' },
  { name: 'familyName', label: 'Family name' },
  { name: 'department', label: 'Department' },
  { name: 'employeeNumber', label: 'Employee number' },
];

interface Props {
  mode: 'create' | 'edit';
  /** The saved user (edit mode). */
  user?: User;
  /** Show the values without letting the admin change them. */
  readOnly?: boolean;
  onSubmit: (body: UserInput) => Promise<void>;
  onCancel?: () => void;
}

/** Empty text (after trimming) is sent as null: every optional UserInput field accepts it. */
const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/** One address per line; blank lines are ignored. */
export const splitEmails = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/**
 * A user's attributes: user name, names, emails (one per line), department, employee number,
 * manager (searched among the users), and on create whether the user starts active.
 */
export function UserForm({ mode, user, readOnly, onSubmit, onCancel }: Props) {
  const [text, setText] = useState<Record<TextName, string>>(() => ({
    userName: user?.userName ?? '',
    displayName: user?.displayName ?? '',
    givenName: user?.givenName ?? '',
    familyName: user?.familyName ?? '',
    department: user?.department ?? '',
    employeeNumber: user?.employeeNumber ?? '',
  }));
  const [emails, setEmails] = useState(() => (user?.emails ?? []).join('\n'));
  const [active, setActive] = useState(true);
  const [manager, setManager] = useState<UserRef | null>(user?.manager ?? null);

  const validate = (): Partial<Record<FieldName, string>> => {
    const found: Partial<Record<FieldName, string>> = {};
    if (text.userName.trim() === '') found.userName = 'Required';
    const list = splitEmails(emails);
    const wrong = list.filter((e) => !EMAIL_PATTERN.test(e));
    if (wrong.length > 0) found.emails = `Not an email address: ${wrong.join(', ')}`;
    else if (list.length > MAX_EMAILS) found.emails = `At most ${MAX_EMAILS} addresses`;
    return found;
  };

  const body = (): UserInput => {
    const input: UserInput = {
      userName: text.userName.trim(),
      displayName: orNull(text.displayName),
      givenName: orNull(text.givenName),
      familyName: orNull(text.familyName),
      emails: splitEmails(emails),
      department: orNull(text.department),
      employeeNumber: orNull(text.employeeNumber),
      managerId: manager?.id ?? null,
    };
    if (mode === 'create') {
      input.active = active;
    } else if (user) {
      // PUT replaces the whole user: keep what this form does not edit as it is.
      input.active = user.active;
      input.attributes = user.attributes ?? {};
    }
    return input;
  };

  const { errors, unmatched, error, busy, submit } = useFormSubmit<FieldName>({ fields: KNOWN_PATHS, validate, readOnly, send: () => onSubmit(body()) });

  const attributes = user?.attributes ?? {};
  const hasAttributes = Object.keys(attributes).length > 0;

  return (
    <form className="form user-form" onSubmit={submit} noValidate aria-label={mode === 'create' ? 'New user' : 'User attributes'} data-testid="user-form">
      <ErrorAlert error={error} unmatched={unmatched} />
      <div className="user-form-grid">
        {TEXT_FIELDS.map(({ name, label, help }) => {
          const id = `user-${name}`;
          const required = name === 'userName';
          const shownHelp = readOnly ? undefined : help;
          return (
            <FormField key={name} id={id} label={label} required={required} error={errors[name]} help={shownHelp}>
              <input
                {...fieldInputProps(id, errors[name], { required, help: shownHelp !== undefined })}
                name={name}
                autoComplete="off"
                spellCheck={false}
                maxLength={256}
                disabled={readOnly}
                value={text[name]}
                onChange={(e) => setText({ ...text, [name]: e.target.value })}
              />
            </FormField>
          );
        })}
        <FormField id="user-emails" label="Emails" error={errors.emails} help={readOnly ? undefined : 'One address per line, the primary one first'} className="span-2">
          <textarea
            {...fieldInputProps('user-emails', errors.emails, { help: !readOnly })}
            name="emails"
            rows={3}
            spellCheck={false}
            disabled={readOnly}
            value={emails}
            onChange={(e) => setEmails(e.target.value)}
          />
        </FormField>
        <div className={`form-field span-2${errors.managerId ? ' has-error' : ''}`} data-testid="user-manager">
          <span className="label-row">
            <span className="field-label">Manager</span>
          </span>
          <div className="manager-current">
            {manager ? (
              <>
                <Link to={`/users/${encodeURIComponent(manager.id)}`} data-testid="user-manager-name">
                  {userLabel(manager)}
                </Link>
                {!readOnly && (
                  <button type="button" className="btn btn-sm btn-ghost" data-testid="user-manager-clear" onClick={() => setManager(null)}>
                    Remove manager
                  </button>
                )}
              </>
            ) : (
              <span className="muted" data-testid="user-manager-none">
                No manager
              </span>
            )}
          </div>
          {!readOnly && (
            <UserPicker
              testId="manager-picker"
              label={manager ? 'Change the manager' : 'Find a manager'}
              exclude={user ? [user.id] : []}
              onPick={(u) => setManager({ id: u.id, userName: u.userName, displayName: u.displayName ?? null })}
            />
          )}
          {errors.managerId && (
            <p className="field-error" id="user-manager-error">
              {errors.managerId}
            </p>
          )}
        </div>
        {mode === 'create' && (
          <div className="form-field span-2">
            <div className="check-row">
              <input
                id="user-active"
                data-testid="user-active"
                type="checkbox"
                name="active"
                checked={active}
                disabled={readOnly}
                onChange={(e) => setActive(e.target.checked)}
              />
              <label htmlFor="user-active">Active</label>
            </div>
            <div className="field-help">Untick to create the user disabled.</div>
          </div>
        )}
        {mode === 'edit' && hasAttributes && (
          <div className="form-field span-2">
            <span className="field-label">Further attributes</span>
            <pre className="settings-json" data-testid="user-attributes">
              {JSON.stringify(attributes, null, 2)}
            </pre>
            <div className="field-help">Set by connectors and the API; saving keeps them as they are.</div>
          </div>
        )}
      </div>
      {!readOnly && (
        <FormActions
          busy={busy}
          label={mode === 'create' ? 'Create user' : 'Save changes'}
          busyLabel={mode === 'create' ? 'Creating…' : 'Saving…'}
          onCancel={onCancel}
        />
      )}
    </form>
  );
}
