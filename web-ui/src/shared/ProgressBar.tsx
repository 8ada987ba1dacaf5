interface Props {
  /** 0 to 100; null when the total is not known (an indeterminate bar). */
  percent: number | null;
  label: string;
}

/** A progress bar: the native element, so it needs no inline style under the hub's CSP. */
export function ProgressBar({ percent, label }: Props) {
  return percent === null ? (
    <progress className="progress progress-indeterminate" aria-label={label} />
  ) : (
    <progress className="progress" aria-label={label} value={percent} max={100}>
      {percent}%
    </progress>
  );
}
