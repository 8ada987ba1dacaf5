/** Where a value is missing: a muted dash. */
export function NoValue() {
  return <span className="muted">—</span>;
}
