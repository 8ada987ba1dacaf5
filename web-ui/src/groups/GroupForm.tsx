import { useState } from 'react';
import { ErrorAlert } from '../shared/ErrorAlert';
import { FormActions } from '../shared/form/FormActions';
import { fieldInputProps, FormField } from '../shared/form/FormField';
import { useFormSubmit } from '../shared/form/useFormSubmit';
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
  const { errors, unmatched, error, busy, submit } = useFormSubmit<FieldName>({
    fields: ['name', 'description'],
    validate: () => (name.trim() === '' ? { name: 'Required' } : {}),
    readOnly,
    send: () => onSubmit({ name: name.trim(), description: description.trim() === '' ? null : description.trim() }),
  });

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
        <FormActions
          busy={busy}
          label={mode === 'create' ? 'Create group' : 'Save changes'}
          busyLabel={mode === 'create' ? 'Creating…' : 'Saving…'}
          onCancel={onCancel}
        />
      )}
    </form>
  );
}
