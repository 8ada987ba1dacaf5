import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './adminsApi';

interface FieldProps {
  id: string;
  label: string;
  error?: string;
  /** Shown under the input while there is no error; the input points to it as its description. */
  help?: React.ReactNode;
  children: React.ReactNode;
}

/** A required form field: label, the input, its error or help (the setup page's markup). */
export function Field({ id, label, error, help, children }: FieldProps) {
  return (
    <div className={`form-field${error ? ' has-error' : ''}`}>
      <span className="label-row">
        <label htmlFor={id}>{label}</label>
        <span className="required-mark" aria-hidden="true">
          *
        </span>
      </span>
      {children}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {help && !error && (
        <div className="field-help" id={`${id}-help`}>
          {help}
        </div>
      )}
    </div>
  );
}

/** The input's id, test id and accessibility attributes for a {@link Field}. */
export function inputProps(id: string, error: string | undefined, describedBy?: string) {
  return {
    id,
    'data-testid': id,
    required: true,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : describedBy,
  } as const;
}

export interface PasswordErrors {
  password?: string;
  confirm?: string;
}

/** The hub's rules for a new password (minLength 12, maxLength 1024) and a matching confirmation. */
export function checkPassword(password: string, confirm: string): PasswordErrors {
  const found: PasswordErrors = {};
  if (password.length < MIN_PASSWORD_LENGTH) found.password = `Use at least ${MIN_PASSWORD_LENGTH} characters`;
  else if (password.length > MAX_PASSWORD_LENGTH) found.password = `Use at most ${MAX_PASSWORD_LENGTH} characters`;
  if (confirm !== password) found.confirm = 'The passwords do not match';
  return found;
}

interface PasswordFieldsProps {
  /** Prefix of the two inputs' ids: `<prefix>-password` and `<prefix>-confirm`. */
  idPrefix: string;
  label: string;
  password: string;
  confirm: string;
  errors: PasswordErrors;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  passwordRef?: React.Ref<HTMLInputElement>;
}

/** A new password and its confirmation, as the add-admin form and the reset dialog ask them. */
export function NewPasswordFields(props: PasswordFieldsProps) {
  const { idPrefix, label, password, confirm, errors, onPassword, onConfirm, passwordRef } = props;
  const passwordId = `${idPrefix}-password`;
  const confirmId = `${idPrefix}-confirm`;
  return (
    <>
      <Field id={passwordId} label={label} error={errors.password} help={`At least ${MIN_PASSWORD_LENGTH} characters`}>
        <input
          {...inputProps(passwordId, errors.password, `${passwordId}-help`)}
          ref={passwordRef}
          name="password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => onPassword(e.target.value)}
        />
      </Field>
      <Field id={confirmId} label="Confirm password" error={errors.confirm}>
        <input
          {...inputProps(confirmId, errors.confirm)}
          name="confirm"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => onConfirm(e.target.value)}
        />
      </Field>
    </>
  );
}
