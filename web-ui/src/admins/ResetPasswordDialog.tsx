import { useEffect, useId, useRef, useState } from 'react';
import { ErrorAlert } from '../shared/ErrorAlert';
import { useFormSubmit } from '../shared/form/useFormSubmit';
import type { Admin } from './adminsApi';
import { checkPassword, NewPasswordFields, type PasswordErrors } from './NewPasswordFields';

interface Props {
  admin: Admin;
  /** The logged-in admin's own account: the hub ends this session too. */
  self: boolean;
  /** Sends the new password; rejects with the hub's error. */
  onSubmit: (password: string) => Promise<void>;
  onCancel: () => void;
}

/** A modal asking for a new password twice (the ConfirmDialog's look, with a form inside). */
export function ResetPasswordDialog({ admin, self, onSubmit, onCancel }: Props) {
  const titleId = useId();
  const firstRef = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { errors, unmatched, error, busy, submit } = useFormSubmit<keyof PasswordErrors>({
    fields: ['password'],
    validate: () => checkPassword(password, confirm),
    // Only the two fields show what the dialog's own checks find.
    announceInvalid: false,
    send: () => onSubmit(password),
  });

  useEffect(() => {
    firstRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !busy) onCancel();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [busy, onCancel]);

  return (
    <div
      className="modal-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget && !busy) onCancel();
      }}
    >
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="reset-password-dialog">
        <h2 id={titleId}>Reset the password of “{admin.username}”</h2>
        <form className="form" onSubmit={submit} noValidate>
          <p className="modal-body">
            {self
              ? 'Your sessions end too: you will log in again with the new password.'
              : 'Their sessions end: they log in again with the new password.'}
          </p>
          <ErrorAlert error={error} unmatched={unmatched} />
          <NewPasswordFields
            idPrefix="reset"
            label="New password"
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
      </div>
    </div>
  );
}
