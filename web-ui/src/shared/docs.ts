/**
 * Where the console links to the documentation (the `docs/` folder of the SLX Connect source).
 * The hub does not serve it, so a build names its home with `VITE_SLX_DOCS_URL` (for example
 * the repository's `docs/` folder on its Git host); without one the console names the file.
 */
const DOCS_URL: string | undefined = import.meta.env.VITE_SLX_DOCS_URL;

/** The address of a page of `docs/`, such as `plugin-author-guide.md`; undefined when unknown. */
export function docsUrl(page: string): string | undefined {
  return DOCS_URL ? `${DOCS_URL.replace(/\/+$/, '')}/${page}` : undefined;
}
