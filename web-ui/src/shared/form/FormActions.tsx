interface Props {
  /** The buttons wait, as while the form is being sent. */
  busy: boolean;
  /** The form is being sent (default: `busy`): the submit button says `busyLabel`, else `label`. */
  sending?: boolean;
  label: string;
  busyLabel: string;
  /** Without it, there is no Cancel button. */
  onCancel?: () => void;
  /** Further buttons, on the left. */
  children?: React.ReactNode;
}

/** The buttons under a form: Cancel and the submit button on the right. */
export function FormActions({ busy, sending = busy, label, busyLabel, onCancel, children }: Props) {
  return (
    <div className="form-actions">
      {children}
      <span className="spacer" />
      {onCancel && (
        <button type="button" className="btn btn-ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      )}
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {sending ? busyLabel : label}
      </button>
    </div>
  );
}
