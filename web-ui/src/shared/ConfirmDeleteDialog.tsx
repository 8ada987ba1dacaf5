import { ConfirmDialog } from './ConfirmDialog';
import type { ConfirmDelete } from './useConfirmDelete';

interface Props {
  deletion: ConfirmDelete;
  title: string;
  /** What the delete does, in a sentence or two. */
  children: React.ReactNode;
}

/** The question before a delete (see useConfirmDelete): Cancel, or Delete ("Deleting…" meanwhile). */
export function ConfirmDeleteDialog({ deletion, title, children }: Props) {
  return (
    <ConfirmDialog
      open={deletion.open}
      title={title}
      confirmLabel={deletion.busy ? 'Deleting…' : 'Delete'}
      danger
      busy={deletion.busy}
      onConfirm={deletion.confirm}
      onCancel={deletion.cancel}
    >
      {children}
    </ConfirmDialog>
  );
}
