import { fieldInputProps, FormField } from '../shared/form/FormField';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './adminsApi';

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
      <FormField id={passwordId} label={label} required error={errors.password} help={`At least ${MIN_PASSWORD_LENGTH} characters`}>
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
