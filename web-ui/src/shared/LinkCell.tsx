import { Link } from 'react-router';

/** A table cell naming its row's record, linking to it. */
export function LinkCell({ to, children }: { to: string; children: React.ReactNode }) {
  return (
    <td>
      <Link to={to} className="strong-link">
        {children}
      </Link>
    </td>
  );
}
