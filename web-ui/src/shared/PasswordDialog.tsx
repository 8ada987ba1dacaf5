import { useRef, useState } from 'react';
import { ErrorAlert } from './ErrorAlert';
import { checkPassword, NewPasswordFields, type PasswordErrors, type PasswordRules } from './form/NewPasswordFields';
import { useFormSubmit } from './form/useFormSubmit';
import { Modal } from './Modal';

interface Props {
  title: string;
  /** What setting the password does, above the fields. */
  intro: React.ReactNode;
  /** Prefix of the inputs' ids (see NewPasswordFields). */
  idPrefix: string;
  rules: PasswordRules;
  help: string;
  testId?: string;
  /** Sends the new password; rejects with the hub's error, shown in the dialog. */
  onSubmit: (password: string) => Promise<void>;
  onCancel: () => void;
}

/** A modal asking for a new password twice; the focus starts in the first field. */
export function PasswordDialog({ title, intro, idPrefix, rules, help, testId, onSubmit, onCancel }: Props) {
  const firstRef = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { errors, unmatched, error, busy, submit } = useFormSubmit<keyof PasswordErrors>({
    fields: ['password'],
    validate: () => checkPassword(password, confirm, rules),
    // Only the two fields show what the dialog's own checks find.
    announceInvalid: false,
    send: () => onSubmit(password),
  });

  return (
    <Modal title={title} busy={busy} onClose={onCancel} initialFocus={firstRef} testId={testId}>
      <form className="form" onSubmit={submit} noValidate>
        <p className="modal-body">{intro}</p>
        <ErrorAlert error={error} unmatched={unmatched} />
        <NewPasswordFields
          idPrefix={idPrefix}
          label="New password"
          help={help}
          password={password}
          confirm={confirm}
          errors={errors}
          onPassword={setPassword}
          onConfirm={setConfirm}
          passwordRef={firstRef}
        />
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Set password'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
