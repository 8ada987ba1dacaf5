/** An endpoint's HTTP answer, red unless 2xx; "No answer" (red) when none came. */
export function HttpStatus({ code }: { code: number | null | undefined }) {
  if (code == null) return <span className="text-danger">No answer</span>;
  return <span className={code >= 300 ? 'text-danger' : undefined}>HTTP {code}</span>;
}
