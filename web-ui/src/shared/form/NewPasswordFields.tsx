import { fieldInputProps, FormField } from './FormField';

export interface PasswordErrors {
  password?: string;
  confirm?: string;
}

/** The lengths a new password must have. */
export interface PasswordRules {
  min: number;
  max: number;
}

/** A new password within `rules`, and a confirmation that matches it. */
export function checkPassword(password: string, confirm: string, rules: PasswordRules): PasswordErrors {
  const found: PasswordErrors = {};
  if (password.length < rules.min) found.password = rules.min <= 1 ? 'Required' : `Use at least ${rules.min} characters`;
  else if (password.length > rules.max) found.password = `Use at most ${rules.max} characters`;
  if (confirm !== password) found.confirm = 'The passwords do not match';
  return found;
}

interface PasswordFieldsProps {
  /** Prefix of the two inputs' ids: `<prefix>-password` and `<prefix>-confirm`. */
  idPrefix: string;
  label: string;
  /** Under the password while it has no error, such as the rules it must follow. */
  help: string;
  password: string;
  confirm: string;
  errors: PasswordErrors;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  passwordRef?: React.Ref<HTMLInputElement>;
}

/** A new password and its confirmation: a new admin, an admin's reset, a user's password. */
export function NewPasswordFields(props: PasswordFieldsProps) {
  const { idPrefix, label, help, password, confirm, errors, onPassword, onConfirm, passwordRef } = props;
  const passwordId = `${idPrefix}-password`;
  const confirmId = `${idPrefix}-confirm`;
  return (
    <>
      <FormField id={passwordId} label={label} required error={errors.password} help={help}>
        <input
          {...fieldInputProps(passwordId, errors.password, { required: true, help: true })}
          ref={passwordRef}
          name="password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => onPassword(e.target.value)}
        />
      </FormField>
      <FormField id={confirmId} label="Confirm password" required error={errors.confirm}>
        <input
          {...fieldInputProps(confirmId, errors.confirm, { required: true })}
          name="confirm"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => onConfirm(e.target.value)}
        />
      </FormField>
    </>
  );
}
