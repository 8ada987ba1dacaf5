interface Props {
  /** The outcome to say; nothing shows without one. */
  message?: { tone: 'success' | 'warning'; text: React.ReactNode };
  testId?: string;
}

/**
 * The outcome of an action on a list page, in a polite live region that is always there, so a
 * screen reader reads each new outcome (a region added together with its text is often missed).
 */
export function LiveNotice({ message, testId }: Props) {
  return (
    <div aria-live="polite" aria-atomic="true" className="live-notice">
      {message && (
        <div className={`alert alert-${message.tone}`} data-testid={testId} data-tone={message.tone}>
          <span className="alert-icon" aria-hidden="true">
            {message.tone === 'success' ? '✓' : '!'}
          </span>
          <div className="alert-message">{message.text}</div>
        </div>
      )}
    </div>
  );
}
