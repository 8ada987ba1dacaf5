import { useState } from 'react';
import { ErrorAlert } from '../shared/ErrorAlert';
import { FormActions } from '../shared/form/FormActions';
import { fieldInputProps, FormField } from '../shared/form/FormField';
import { useFormSubmit } from '../shared/form/useFormSubmit';
import { EventTypePicker } from './EventTypePicker';
import { MAX_IN_FLIGHT, type Webhook, type WebhookInput } from './webhooksApi';

type FieldName = 'url' | 'description' | 'eventTypes' | 'maxInFlight';

interface Props {
  mode: 'create' | 'edit';
  webhook?: Webhook;
  readOnly?: boolean;
  onSubmit: (body: WebhookInput) => Promise<void>;
  onCancel?: () => void;
}

function check(url: string, maxInFlight: string): Partial<Record<FieldName, string>> {
  const found: Partial<Record<FieldName, string>> = {};
  if (!/^https?:\/\/\S+$/.test(url.trim())) found.url = 'An http:// or https:// URL';
  const n = Number(maxInFlight);
  if (!Number.isInteger(n) || n < MAX_IN_FLIGHT.min || n > MAX_IN_FLIGHT.max) found.maxInFlight = `A whole number from ${MAX_IN_FLIGHT.min} to ${MAX_IN_FLIGHT.max}`;
  return found;
}

/** A webhook's endpoint, description, event types and how many deliveries it takes at once. */
export function WebhookForm({ mode, webhook, readOnly, onSubmit, onCancel }: Props) {
  const [url, setUrl] = useState(webhook?.url ?? '');
  const [description, setDescription] = useState(webhook?.description ?? '');
  const [eventTypes, setEventTypes] = useState<string[]>(webhook?.eventTypes ?? []);
  const [maxInFlight, setMaxInFlight] = useState(String(webhook?.maxInFlight ?? MAX_IN_FLIGHT.default));
  const { errors, unmatched, error, busy, submit } = useFormSubmit<FieldName>({
    fields: ['url', 'description', 'eventTypes', 'maxInFlight'],
    validate: () => check(url, maxInFlight),
    readOnly,
    send: () => onSubmit({ url: url.trim(), description: description.trim(), eventTypes, maxInFlight: Number(maxInFlight) }),
  });

  return (
    <form
      className="form webhook-form"
      onSubmit={submit}
      noValidate
      aria-label={mode === 'create' ? 'New webhook' : 'Webhook settings'}
      data-testid={mode === 'create' ? 'add-webhook-form' : 'webhook-form'}
    >
      {mode === 'create' && <h2 className="section-title">New webhook</h2>}
      <ErrorAlert error={error} unmatched={unmatched} />
      <div className="webhook-form-grid">
        <FormField id="webhook-url" label="Endpoint URL" required error={errors.url} help={readOnly ? undefined : 'The hub POSTs each event here, signed with the webhook’s secret.'}>
          <input
            {...fieldInputProps('webhook-url', errors.url, { required: true, help: !readOnly })}
            type="url"
            name="url"
            autoComplete="off"
            spellCheck={false}
            maxLength={2000}
            placeholder="https://example.com/hooks/slx"
            disabled={readOnly}
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
        </FormField>
        <FormField id="webhook-description" label="Description" error={errors.description}>
          <input
            {...fieldInputProps('webhook-description', errors.description)}
            name="description"
            maxLength={200}
            disabled={readOnly}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </FormField>
        <FormField id="webhook-maxInFlight" label="Deliveries at once" required error={errors.maxInFlight} help={readOnly ? undefined : `How many deliveries the hub sends to this endpoint at the same time (${MAX_IN_FLIGHT.min}–${MAX_IN_FLIGHT.max}).`}>
          <input
            {...fieldInputProps('webhook-maxInFlight', errors.maxInFlight, { required: true, help: !readOnly })}
            type="number"
            name="maxInFlight"
            min={MAX_IN_FLIGHT.min}
            max={MAX_IN_FLIGHT.max}
            step={1}
            disabled={readOnly}
            value={maxInFlight}
            onChange={(e) => setMaxInFlight(e.target.value)}
          />
        </FormField>
        <EventTypePicker value={eventTypes} onChange={setEventTypes} error={errors.eventTypes} disabled={readOnly} />
      </div>
      {!readOnly && (
        <FormActions
          busy={busy}
          label={mode === 'create' ? 'Create webhook' : 'Save changes'}
          busyLabel={mode === 'create' ? 'Creating…' : 'Saving…'}
          onCancel={onCancel}
        />
      )}
    </form>
  );
}
