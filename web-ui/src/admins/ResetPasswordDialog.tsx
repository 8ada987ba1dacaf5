import { useEffect, useId, useRef, useState } from 'react';
import { ApiError, type FieldError } from '../shared/api';
import { ErrorAlert } from '../shared/ErrorAlert';
import { matchFieldErrors } from '../shared/form/fieldErrors';
import type { Admin } from './adminsApi';
import { checkPassword, NewPasswordFields, type PasswordErrors } from './fields';

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
  const [errors, setErrors] = useState<PasswordErrors>({});
  const [error, setError] = useState<unknown>();
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    firstRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !busy) onCancel();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [busy, onCancel]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setUnmatched([]);
    const found = checkPassword(password, confirm);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setError(undefined);
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      await onSubmit(password);
    } catch (e) {
      if (e instanceof ApiError) {
        const matched = matchFieldErrors(e.fieldErrors, ['password']);
        setErrors(matched.byPath);
        setUnmatched(matched.unmatched);
      }
      setError(e);
      setBusy(false);
    }
  };

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
