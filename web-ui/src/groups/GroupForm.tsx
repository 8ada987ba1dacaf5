import { useState } from 'react';
import { ApiError, type FieldError } from '../shared/api';
import { ErrorAlert } from '../shared/ErrorAlert';
import { fieldInputProps, FormField } from '../shared/form/FormField';
import { matchFieldErrors } from '../shared/form/fieldErrors';
import { MAX_GROUP_DESCRIPTION_LENGTH, MAX_GROUP_NAME_LENGTH, type Group, type GroupInput } from './groupsApi';

type FieldName = 'name' | 'description';

interface Props {
  mode: 'create' | 'edit';
  group?: Group;
  readOnly?: boolean;
  onSubmit: (body: GroupInput) => Promise<void>;
  onCancel?: () => void;
}

/** A group's name and description; an empty description is sent as null. */
export function GroupForm({ mode, group, readOnly, onSubmit, onCancel }: Props) {
  const [name, setName] = useState(group?.name ?? '');
  const [description, setDescription] = useState(group?.description ?? '');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (readOnly) return;
    setUnmatched([]);
    if (name.trim() === '') {
      setErrors({ name: 'Required' });
      setError(new ApiError(400, 'Some values need your attention: see the marked fields.'));
      return;
    }
    setErrors({});
    setError(undefined);
    setBusy(true);
    try {
      await onSubmit({ name: name.trim(), description: description.trim() === '' ? null : description.trim() });
    } catch (e) {
      if (e instanceof ApiError) {
        const matched = matchFieldErrors(e.fieldErrors, ['name', 'description']);
        setErrors(matched.byPath);
        setUnmatched(matched.unmatched);
      }
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="form group-form"
      onSubmit={submit}
      noValidate
      aria-label={mode === 'create' ? 'New group' : 'Group name and description'}
      data-testid={mode === 'create' ? 'add-group-form' : 'group-form'}
    >
      {mode === 'create' && <h2 className="section-title">New group</h2>}
      <ErrorAlert error={error} unmatched={unmatched} />
      <div className="group-form-grid">
        <FormField id="group-name" label="Name" required error={errors.name} help={readOnly ? undefined : 'Unique, not case-sensitive'}>
          <input
            {...fieldInputProps('group-name', errors.name, { required: true, help: !readOnly })}
            name="name"
            autoComplete="off"
            spellCheck={false}
            maxLength={MAX_GROUP_NAME_LENGTH}
            disabled={readOnly}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </FormField>
        <FormField id="group-description" label="Description" error={errors.description}>
          <textarea
            {...fieldInputProps('group-description', errors.description)}
            className="plain-textarea"
            name="description"
            rows={2}
            maxLength={MAX_GROUP_DESCRIPTION_LENGTH}
            disabled={readOnly}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </FormField>
      </div>
      {!readOnly && (
        <div className="form-actions">
          <span className="spacer" />
          {onCancel && (
            <button type="button" className="btn btn-ghost" onClick={onCancel} disabled={busy}>
              Cancel
            </button>
          )}
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {mode === 'create' ? (busy ? 'Creating…' : 'Create group') : busy ? 'Saving…' : 'Save changes'}
          </button>
        </div>
      )}
    </form>
  );
}
