export type Tone = 'success' | 'danger' | 'neutral' | 'warning' | 'info';

interface Props {
  tone: Tone;
  children: React.ReactNode;
  testId?: string;
  /** Exposed as data-state so tests and styles can read the raw value. */
  state?: string;
  title?: string;
}

export function Badge({ tone, children, testId, state, title }: Props) {
  return (
    <span className={`badge badge-${tone}`} data-testid={testId} data-state={state} title={title}>
      <span className="badge-dot" aria-hidden="true" />
      {children}
    </span>
  );
}
