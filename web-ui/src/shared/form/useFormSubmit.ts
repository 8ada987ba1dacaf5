import { useState } from 'react';
import { useFieldErrors, type FieldErrors } from './useFieldErrors';

interface Options<F extends string> {
  /** The fields a hub error can point to; its errors for other fields are listed at the top. */
  fields: readonly F[];
  /** The form's own checks: a message by field, none when the values can be sent. */
  validate?: () => Partial<Record<F, string>>;
  /** Whether the form's own findings also put the general message at the top (default true). */
  announceInvalid?: boolean;
  /** Submitting does nothing: the form only shows the values. */
  readOnly?: boolean;
  /** Sends the values; rejects with the hub's error. */
  send: () => Promise<unknown>;
}

export interface FormSubmit<F extends string> extends Pick<FieldErrors<F>, 'errors' | 'unmatched' | 'error'> {
  /** The values are being sent. */
  busy: boolean;
  /** The form's onSubmit. */
  submit: (event: React.FormEvent) => Promise<void>;
}

/**
 * A form's submit: check the values, send them, and show a hub error at the fields it names
 * (see useFieldErrors). The form is busy while the values are sent.
 */
export function useFormSubmit<F extends string>({ fields, validate, announceInvalid, readOnly, send }: Options<F>): FormSubmit<F> {
  const { errors, unmatched, error, check, fail } = useFieldErrors(fields);
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (readOnly || !check(validate?.() ?? {}, announceInvalid)) return;
    setBusy(true);
    try {
      await send();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return { errors, unmatched, error, busy, submit };
}
