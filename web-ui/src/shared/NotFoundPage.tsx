import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <div className="empty-state">
      <h2>Page not found</h2>
      <p>There is nothing at this address.</p>
      <Link to="/connectors" className="btn">
        Go to the connectors
      </Link>
    </div>
  );
}
