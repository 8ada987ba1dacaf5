interface Props {
  /** The search landmark's name ("Find users"). */
  label: string;
  /** The filters; the list follows as they change (there is nothing to submit). */
  children: React.ReactNode;
}

/** The card of filters above a list. */
export function FiltersForm({ label, children }: Props) {
  return (
    <form className="filters card" role="search" aria-label={label} onSubmit={(e) => e.preventDefault()}>
      {children}
    </form>
  );
}
