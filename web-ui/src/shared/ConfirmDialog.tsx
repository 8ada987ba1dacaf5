import { useId, useRef } from 'react';
import { Modal } from './Modal';

interface Props {
  open: boolean;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  /** Styles the confirm button as destructive. */
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal question. Escape or a click outside cancels; focus starts on Cancel. */
export function ConfirmDialog({ open, title, children, confirmLabel, danger, busy, onConfirm, onCancel }: Props) {
  const bodyId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);

  if (!open) return null;
  return (
    <Modal title={title} busy={busy} onClose={onCancel} initialFocus={cancelRef} describedBy={bodyId}>
      <div id={bodyId} className="modal-body">
        {children}
      </div>
      <div className="modal-actions">
        <button type="button" className="btn" ref={cancelRef} onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" className={danger ? 'btn btn-danger' : 'btn btn-primary'} onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
