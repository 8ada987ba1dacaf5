import { ApiError } from './api';
import { Notice } from './ErrorAlert';
import { isSessionEnd } from './hooks';

interface Props {
  /** What could not be loaded again, as in "Could not refresh the status". */
  what: string;
  /** Why the last reload failed; nothing is shown without one, or when the session has ended. */
  error: unknown;
}

/** A warning that the page shows data from before a reload that failed. */
export function RefreshFailedNotice({ what, error }: Props) {
  if (error === undefined || isSessionEnd(error)) return null;
  return (
    <Notice tone="warning">
      Could not refresh {what}: {error instanceof ApiError ? error.message : 'unknown error'}
    </Notice>
  );
}
