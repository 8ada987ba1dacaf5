import { useRef, useState } from 'react';
import { Notice } from '../shared/ErrorAlert';
import { Modal } from '../shared/Modal';
import { PasswordDialog } from '../shared/PasswordDialog';
import { StateBadge, type StateLook } from '../shared/StateBadge';
import { setUserPassword, USER_PASSWORD_RULES, type PasswordOutcome } from './usersApi';

interface Props {
  user: { id: string; userName: string };
  /** The password was sent (whatever each system said). */
  onSent: () => void;
  onClose: () => void;
}

/**
 * Sets a user's password in the linked systems that take passwords: asks for it twice, then
 * shows how each system took it. A 409 (no linked system takes passwords) stays in the form.
 */
export function SetPasswordDialog({ user, onSent, onClose }: Props) {
  const [results, setResults] = useState<PasswordOutcome[]>();

  const send = async (password: string) => {
    const answer = await setUserPassword(user.id, password);
    setResults(answer?.results ?? []);
    onSent();
  };

  if (results) return <PasswordResults userName={user.userName} results={results} onClose={onClose} />;
  return (
    <PasswordDialog
      title={`Set the password of “${user.userName}”`}
      intro="The hub sends the new password to every linked system that takes passwords, and does not keep it."
      idPrefix="user-password"
      rules={USER_PASSWORD_RULES}
      help="Each system checks it against its own password rules."
      testId="set-password-dialog"
      onSubmit={send}
      onCancel={onClose}
    />
  );
}

const OUTCOME_LOOKS: Record<PasswordOutcome['status'], StateLook> = {
  succeeded: { tone: 'success', label: 'Set' },
  failed: { tone: 'danger', label: 'Failed' },
};

function PasswordResults({ userName, results, onClose }: { userName: string; results: PasswordOutcome[]; onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  const succeeded = results.filter((r) => r.status === 'succeeded').length;
  return (
    <Modal title={`Password of “${userName}”`} onClose={onClose} initialFocus={closeRef} testId="password-results-dialog">
      <Notice tone={succeeded === results.length && results.length > 0 ? 'success' : 'warning'} testId="password-summary">
        {results.length === 0
          ? 'No system reported back.'
          : `Set in ${succeeded} of ${results.length} ${results.length === 1 ? 'system' : 'systems'}.`}
      </Notice>
      <ul className="result-list" aria-label="Outcome by system">
        {results.map((r) => (
          <li key={r.connectorId} data-testid="password-result" data-status={r.status}>
            <span className="strong">{r.connectorName || r.connectorId}</span>
            <StateBadge looks={OUTCOME_LOOKS} state={r.status} />
            {r.error && <span className="result-error text-danger">{r.error}</span>}
          </li>
        ))}
      </ul>
      <div className="modal-actions">
        <button type="button" className="btn btn-primary" ref={closeRef} onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
