import { docsUrl } from './docs';

/** A link to a page of the documentation; its path in `docs/` when the build does not say where the docs live. */
export function DocLink({ page, children }: { page: string; children: React.ReactNode }) {
  const href = docsUrl(page);
  if (href) {
    return (
      <a href={href} target="_blank" rel="noreferrer">
        {children}
      </a>
    );
  }
  return (
    <span>
      {children} (<code>docs/{page}</code>)
    </span>
  );
}
