import { useRef, useState } from 'react';
import { Modal } from '../shared/Modal';

interface Props {
  title: string;
  secret: string;
  /** More about the secret, under the warning (such as how long the old one keeps working). */
  children?: React.ReactNode;
  onClose: () => void;
}

/** A signing secret, shown this once, with a copy button; the hub never shows it again. */
export function SecretDialog({ title, secret, children, onClose }: Props) {
  const doneRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed'>();

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      // No clipboard access (an insecure origin, a denied permission): select it for Ctrl+C.
      inputRef.current?.select();
      setCopied('failed');
    }
  };

  return (
    // Only Done closes it: a stray Escape or click outside must not lose a secret shown once.
    <Modal title={title} onClose={() => {}} initialFocus={doneRef} describedBy="webhook-secret-warning" testId="webhook-secret-dialog">
      <div className="modal-body">
        <p id="webhook-secret-warning" className="strong">
          Copy the secret now: you will not see it again. Receivers use it to check the signature of each delivery.
        </p>
        <div className="secret-row">
          <label htmlFor="webhook-secret" className="sr-only">
            Signing secret
          </label>
          <input id="webhook-secret" data-testid="webhook-secret" ref={inputRef} className="mono" readOnly value={secret} onFocus={(e) => e.target.select()} />
          <button type="button" className="btn" onClick={copy}>
            {copied === 'yes' ? 'Copied' : 'Copy'}
          </button>
        </div>
        <p role="status" className="small muted">
          {copied === 'yes' ? 'The secret is on the clipboard.' : copied === 'failed' ? 'Copying is not allowed here: the secret is selected, press Ctrl+C.' : ''}
        </p>
        {children}
      </div>
      <div className="modal-actions">
        <button type="button" className="btn btn-primary" ref={doneRef} onClick={onClose}>
          Done
        </button>
      </div>
    </Modal>
  );
}
