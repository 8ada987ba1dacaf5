import type { FieldError } from '../api';

/**
 * The segments of a problem's field path. The hub may write a JSON pointer (`/settings/urls/0`,
 * `#/settings/urls`), a dotted path (`settings.urls`, `$.settings.urls[0]`) or a bare name.
 * Array indexes at the end are dropped: the error belongs to the list field.
 */
export function fieldPathSegments(field: string): string[] {
  const segments = field
    .split(/[/.[\]]+/)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .filter((s) => s !== '' && s !== '#' && s !== '$');
  while (segments.length > 0 && /^\d+$/.test(segments[segments.length - 1])) segments.pop();
  return segments;
}

export interface MatchedFieldErrors {
  /** Messages keyed by the known path they belong to. */
  byPath: Record<string, string>;
  /** Errors that no known field shows: display them with the form's general message. */
  unmatched: FieldError[];
}

function last<T>(items: T[]): T | undefined {
  return items[items.length - 1];
}

/**
 * Assigns a problem's field errors to the form's fields. `knownPaths` are dotted paths such as
 * `name` and `settings.urls`. An error matches its full path first, then the same path under
 * `settings`, then the field whose last segment equals the error's last segment.
 */
export function matchFieldErrors(errors: readonly FieldError[], knownPaths: readonly string[]): MatchedFieldErrors {
  const byPath: Record<string, string> = {};
  const unmatched: FieldError[] = [];
  for (const error of errors) {
    const segments = fieldPathSegments(error.field);
    const name = last(segments);
    let path: string | undefined;
    if (name !== undefined) {
      const full = segments.join('.');
      const candidates = [full, `settings.${full}`];
      path = candidates.find((c) => knownPaths.includes(c));
      if (!path) {
        const underSettings = segments[0] === 'settings';
        path = knownPaths.find(
          (p) => last(p.split('.')) === name && (!underSettings || p.startsWith('settings.')),
        );
      }
    }
    if (path) {
      byPath[path] = byPath[path] ? `${byPath[path]}; ${error.message}` : error.message;
    } else {
      unmatched.push(error);
    }
  }
  return { byPath, unmatched };
}

/** The entries of `errors` under `prefix.`, with the prefix removed. */
export function errorsUnder(errors: Partial<Record<string, string>>, prefix: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    if (message !== undefined && path.startsWith(`${prefix}.`)) result[path.slice(prefix.length + 1)] = message;
  }
  return result;
}
