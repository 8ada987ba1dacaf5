import { PasswordDialog } from '../shared/PasswordDialog';
import { ADMIN_PASSWORD_HELP, ADMIN_PASSWORD_RULES, type Admin } from './adminsApi';

interface Props {
  admin: Admin;
  /** The logged-in admin's own account: the hub ends this session too. */
  self: boolean;
  /** Sends the new password; rejects with the hub's error. */
  onSubmit: (password: string) => Promise<void>;
  onCancel: () => void;
}

/** Asks for an admin's new password twice. */
export function ResetPasswordDialog({ admin, self, onSubmit, onCancel }: Props) {
  return (
    <PasswordDialog
      title={`Reset the password of “${admin.username}”`}
      intro={self ? 'Your sessions end too: you will log in again with the new password.' : 'Their sessions end: they log in again with the new password.'}
      idPrefix="reset"
      rules={ADMIN_PASSWORD_RULES}
      help={ADMIN_PASSWORD_HELP}
      testId="reset-password-dialog"
      onSubmit={onSubmit}
      onCancel={onCancel}
    />
  );
}
