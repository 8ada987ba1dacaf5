import { Link } from 'react-router';
import { EmptyState } from './EmptyState';

export function NotFoundPage() {
  return (
    <EmptyState title="Page not found">
      <p>There is nothing at this address.</p>
      <Link to="/connectors" className="btn">
        Go to the connectors
      </Link>
    </EmptyState>
  );
}
