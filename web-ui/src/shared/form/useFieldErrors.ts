import { useState } from 'react';
import { ApiError, type FieldError } from '../api';
import { matchFieldErrors } from './fieldErrors';

/** The message above a form whose own checks found something. */
export const CHECK_FIELDS_MESSAGE = 'Some values need your attention: see the marked fields.';

export interface FieldErrors<F extends string> {
  /** A message by field: the form's own findings, or the hub's field errors. */
  errors: Partial<Record<F, string>>;
  /** The hub's field errors that no field shows (for ErrorAlert). */
  unmatched: FieldError[];
  /** What the form shows at the top (for ErrorAlert). */
  error: unknown;
  /**
   * Shows what the form's own checks found, by field, and clears what the hub said before;
   * true when there is nothing. `announce` (default true) also puts
   * {@link CHECK_FIELDS_MESSAGE} at the top.
   */
  check: (found: Partial<Record<F, string>>, announce?: boolean) => boolean;
  /** Shows a failed call: the hub's field errors at the fields they name, the rest at the top. */
  fail: (error: unknown) => void;
}

/** A form's errors: its own checks, and the hub's problems mapped onto `fields` (dotted paths). */
export function useFieldErrors<F extends string>(fields: readonly F[]): FieldErrors<F> {
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const [error, setError] = useState<unknown>();

  const check = (found: Partial<Record<F, string>>, announce = true) => {
    setErrors(found);
    setUnmatched([]);
    if (Object.keys(found).length > 0) {
      setError(announce ? new ApiError(400, CHECK_FIELDS_MESSAGE) : undefined);
      return false;
    }
    setError(undefined);
    return true;
  };

  const fail = (e: unknown) => {
    if (e instanceof ApiError) {
      const matched = matchFieldErrors(e.fieldErrors, fields);
      setErrors(matched.byPath as Partial<Record<F, string>>);
      setUnmatched(matched.unmatched);
    }
    setError(e);
  };

  return { errors, unmatched, error, check, fail };
}
