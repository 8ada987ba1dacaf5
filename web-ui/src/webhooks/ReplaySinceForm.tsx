import { useState } from 'react';
import { ErrorAlert } from '../shared/ErrorAlert';
import { fieldInputProps, FormField } from '../shared/form/FormField';
import { useFormSubmit } from '../shared/form/useFormSubmit';

interface Props {
  /** Queues the exhausted deliveries since the ISO time; resolves with how many. */
  onReplay: (since: string) => Promise<void>;
}

/** "Replay all exhausted since …": a local date and time, sent as an ISO instant. */
export function ReplaySinceForm({ onReplay }: Props) {
  const [since, setSince] = useState('');
  const { errors, unmatched, error, busy, submit } = useFormSubmit<'since'>({
    fields: ['since'],
    validate: () => (since === '' || Number.isNaN(new Date(since).getTime()) ? { since: 'Pick a date and time' } : {}),
    announceInvalid: false,
    send: () => onReplay(new Date(since).toISOString()),
  });

  return (
    <form className="form replay-since-form" onSubmit={submit} noValidate aria-label="Replay exhausted deliveries">
      <ErrorAlert error={error} unmatched={unmatched} />
      <div className="replay-since-row">
        <FormField id="replay-since" label="Replay exhausted deliveries since" error={errors.since}>
          <input {...fieldInputProps('replay-since', errors.since)} type="datetime-local" step={1} value={since} onChange={(e) => setSince(e.target.value)} />
        </FormField>
        <button type="submit" className="btn" disabled={busy}>
          {busy ? 'Replaying…' : 'Replay all exhausted'}
        </button>
      </div>
    </form>
  );
}
