interface Props {
  title: string;
  testId?: string;
  /** The explanation and, where there is one, the next step. */
  children?: React.ReactNode;
}

/** What a page shows in place of an empty list: a heading, why, and what to do. */
export function EmptyState({ title, testId, children }: Props) {
  return (
    <div className="empty-state" data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </div>
  );
}
