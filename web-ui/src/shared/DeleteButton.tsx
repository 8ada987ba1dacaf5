interface Props {
  testId?: string;
  disabled?: boolean;
  /** Asks first (see useConfirmDelete). */
  onClick: () => void;
}

/** A detail page's "Delete" button, in its header. */
export function DeleteButton({ testId, disabled, onClick }: Props) {
  return (
    <button type="button" className="btn btn-danger" data-testid={testId} disabled={disabled} onClick={onClick}>
      Delete
    </button>
  );
}
