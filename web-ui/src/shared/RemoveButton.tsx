interface Props {
  testId: string;
  /** What the button removes, for screen readers ("Remove ada from the group"). */
  label: string;
  /** The quieter look, for a button inside a list. */
  ghost?: boolean;
  disabled?: boolean;
  onClick: () => void;
}

/** A small "Remove" button on a row, such as a member of a group. */
export function RemoveButton({ testId, label, ghost, disabled, onClick }: Props) {
  return (
    <button type="button" className={ghost ? 'btn btn-sm btn-ghost' : 'btn btn-sm'} data-testid={testId} aria-label={label} disabled={disabled} onClick={onClick}>
      Remove
    </button>
  );
}
