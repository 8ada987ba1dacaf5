import { ApiError, errorMessage, type FieldError } from './api';
import { isSessionEnd } from './hooks';

interface Props {
  /** What a call threw; nothing is shown when undefined or null. */
  error: unknown;
  /**
   * Field errors that no form field displays, listed under the message. Defaults to all of
   * the error's field errors (for places without a form).
   */
  unmatched?: FieldError[];
  title?: string;
}

/** A failed call in words: the problem's detail, plus field errors no field could show. */
export function ErrorAlert({ error, unmatched, title }: Props) {
  if (error === undefined || error === null) return null;
  const extra = unmatched ?? (error instanceof ApiError ? error.fieldErrors : []);
  return (
    <div className="alert alert-error" role="alert" data-testid="error-alert">
      <span className="alert-icon" aria-hidden="true">!</span>
      <div>
        {title && <strong className="alert-title">{title}</strong>}
        <p className="alert-message">{errorMessage(error)}</p>
        {extra.length > 0 && (
          <ul className="alert-list">
            {extra.map((e, i) => (
              <li key={i}>
                {e.field && <code>{e.field}</code>} {e.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

/**
 * Why data did not load; nothing when the session has ended (the app is already on its way to
 * /login).
 */
export function LoadErrorAlert({ error }: { error: unknown }) {
  if (isSessionEnd(error)) return null;
  return <ErrorAlert error={error} />;
}

interface NoticeProps {
  tone?: 'info' | 'success' | 'warning';
  children: React.ReactNode;
  testId?: string;
}

export function Notice({ tone = 'info', children, testId }: NoticeProps) {
  return (
    <div className={`alert alert-${tone}`} role="status" data-testid={testId}>
      <span className="alert-icon" aria-hidden="true">
        {tone === 'success' ? '✓' : tone === 'warning' ? '!' : 'i'}
      </span>
      <div className="alert-message">{children}</div>
    </div>
  );
}
