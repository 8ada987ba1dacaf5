import { useEffect, useId } from 'react';

interface Props {
  title: React.ReactNode;
  /** Something runs: Escape and a click outside do not close the modal meanwhile. */
  busy?: boolean;
  /** Escape or a click outside. */
  onClose: () => void;
  /** What takes the focus when the modal opens. */
  initialFocus?: React.RefObject<HTMLElement | null>;
  /** The id of what describes the dialog, such as its question. */
  describedBy?: string;
  testId?: string;
  children: React.ReactNode;
}

/** A modal dialog named by its title: the frame of confirmations and small forms. */
export function Modal({ title, busy, onClose, initialFocus, describedBy, testId, children }: Props) {
  const titleId = useId();

  useEffect(() => {
    initialFocus?.current?.focus();
    // Once, when the modal opens.
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !busy) onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [busy, onClose]);

  return (
    <div
      className="modal-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget && !busy) onClose();
      }}
    >
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={describedBy} data-testid={testId}>
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}
