import { Link } from 'react-router';
import { ApiError } from './api';
import { EmptyState } from './EmptyState';
import { LoadErrorAlert } from './ErrorAlert';
import { PageHeader } from './PageHeader';
import { Spinner } from './Spinner';

interface Props {
  /** The kind of record, in lower case ("user"): title "User", "This user does not exist", test id `user-not-found`. */
  noun: string;
  /** The list page of these records, and its name in lower case ("users"): "Back to the users". */
  listPath: string;
  listNoun: string;
  breadcrumb: React.ReactNode;
  /** Why the record has not loaded (yet): nothing while loading, a 404 when it does not exist. */
  error: unknown;
}

/** A detail page until its record is there: loading, "does not exist", or the error. */
export function DetailPageFallback({ noun, listPath, listNoun, breadcrumb, error }: Props) {
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <>
      <PageHeader title={noun.charAt(0).toUpperCase() + noun.slice(1)} breadcrumb={breadcrumb} />
      {notFound ? (
        <EmptyState testId={`${noun}-not-found`} title={`This ${noun} does not exist`}>
          <p>It may have been deleted.</p>
          <Link to={listPath} className="btn">
            Back to the {listNoun}
          </Link>
        </EmptyState>
      ) : error !== undefined ? (
        <LoadErrorAlert error={error} />
      ) : (
        <Spinner />
      )}
    </>
  );
}
