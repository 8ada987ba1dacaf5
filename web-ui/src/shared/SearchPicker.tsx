import { useEffect, useId, useState } from 'react';
import { ErrorAlert } from './ErrorAlert';
import { isSessionEnd, useDebouncedValue } from './hooks';

/** How many matches a picker asks the hub for. */
export const PICKER_LIMIT = 10;

export interface PickerOption {
  id: string;
  label: string;
  detail?: string | null;
}

interface Props<T> {
  /** Test id of the control; its input is `<testId>-input`, each result `<testId>-option`. */
  testId: string;
  label: string;
  placeholder?: string;
  /** Asks the hub for matches of the typed text (trimmed, never empty). */
  search: (q: string) => Promise<T[]>;
  describe: (item: T) => PickerOption;
  /** Called with the chosen result; what it throws is shown under the control. */
  onPick: (item: T) => Promise<void> | void;
  /** Ids not to offer, such as the groups the user is already in. */
  exclude?: readonly string[];
  disabled?: boolean;
}

/**
 * Type to search, click a result to pick it: the user picker for a manager, "Add to group",
 * "Add member". Searches once typing pauses; nothing is asked while the box is empty.
 */
export function SearchPicker<T>({ testId, label, placeholder, search, describe, onPick, exclude = [], disabled }: Props<T>) {
  const inputId = useId();
  const [text, setText] = useState('');
  const query = useDebouncedValue(text.trim());
  const [results, setResults] = useState<T[]>();
  const [searching, setSearching] = useState(false);
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    if (query === '') {
      setResults(undefined);
      setSearching(false);
      return;
    }
    let cancelled = false;
    setSearching(true);
    setError(undefined);
    search(query)
      .then((found) => {
        if (!cancelled) setResults(found ?? []);
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(e);
      })
      .finally(() => {
        if (!cancelled) setSearching(false);
      });
    return () => {
      cancelled = true;
    };
    // `search` is usually an inline function: only the query starts a search.
  }, [query]);

  const pick = async (item: T) => {
    setPicking(true);
    setError(undefined);
    try {
      await onPick(item);
      setText('');
      setResults(undefined);
    } catch (e) {
      setError(e);
    } finally {
      setPicking(false);
    }
  };

  const offered = (results ?? []).filter((item) => !exclude.includes(describe(item).id));
  const stale = text.trim() !== query;
  return (
    <div className="picker" data-testid={testId}>
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        type="search"
        data-testid={`${testId}-input`}
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        placeholder={placeholder}
        value={text}
        disabled={disabled || picking}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          // The picker may sit inside a form (the manager): Enter must not submit it.
          if (e.key === 'Enter') e.preventDefault();
        }}
      />
      {error !== undefined && !isSessionEnd(error) && <ErrorAlert error={error} />}
      {query !== '' && results !== undefined && (
        offered.length === 0 ? (
          !searching && !stale && (
            <p className="picker-empty muted small" data-testid={`${testId}-empty`}>
              No matches for “{query}”.
            </p>
          )
        ) : (
          <ul className="picker-results" aria-label={`${label}: matches`}>
            {offered.map((item) => {
              const option = describe(item);
              return (
                <li key={option.id}>
                  <button type="button" className="picker-option" data-testid={`${testId}-option`} disabled={picking || disabled} onClick={() => void pick(item)}>
                    <span className="strong">{option.label}</span>
                    {option.detail && <span className="muted small">{option.detail}</span>}
                  </button>
                </li>
              );
            })}
          </ul>
        )
      )}
      {searching && results === undefined && <span className="muted small">Searching…</span>}
    </div>
  );
}
