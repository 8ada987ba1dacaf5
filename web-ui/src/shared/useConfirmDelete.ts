import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import type { FlashState } from './useFlash';

interface Options {
  /** The page's actions (see usePageActions): the delete runs as their `delete` action. */
  actions: {
    busy: string | null;
    setBusy: (key: 'delete' | null) => void;
    setError: (error: unknown) => void;
  };
  /** Deletes the record; rejects with the hub's error. */
  remove: () => Promise<unknown>;
  /** The list page to go to once the record is deleted… */
  leaveTo: string;
  /** …and the message it shows there. */
  flash: string;
}

export interface ConfirmDelete {
  /** The question is showing. */
  open: boolean;
  /** The delete is running. */
  busy: boolean;
  ask: () => void;
  cancel: () => void;
  confirm: () => Promise<void>;
}

/**
 * A detail page's delete: ask first, then delete and go back to the list with a message. A
 * failed delete closes the question and shows its error on the page.
 */
export function useConfirmDelete({ actions, remove, leaveTo, flash }: Options): ConfirmDelete {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const ask = useCallback(() => setOpen(true), []);
  const cancel = useCallback(() => setOpen(false), []);

  const confirm = async () => {
    actions.setBusy('delete');
    actions.setError(undefined);
    try {
      await remove();
      const state: FlashState = { flash };
      navigate(leaveTo, { replace: true, state });
    } catch (e) {
      setOpen(false);
      actions.setError(e);
      actions.setBusy(null);
    }
  };

  return { open, busy: actions.busy === 'delete', ask, cancel, confirm };
}
