import { useState } from 'react';
import { ErrorAlert } from '../shared/ErrorAlert';
import { FormActions } from '../shared/form/FormActions';
import { fieldInputProps, FormField } from '../shared/form/FormField';
import { useFormSubmit } from '../shared/form/useFormSubmit';
import type { ImportSchedule, ImportScheduleInput, SchedulePreset } from './importsApi';
import { isPreset, SCHEDULE_PRESETS } from './schedulePresets';

type FieldName = 'preset' | 'cron';

interface Props {
  /** The saved schedule, if any: the form starts from it. */
  schedule: ImportSchedule | null | undefined;
  /** Saves the schedule; rejects with the hub's error (a bad cron expression shows at its field). */
  onSubmit: (input: ImportScheduleInput) => Promise<void>;
  /** Removes the saved schedule; no button without it. */
  onRemove?: () => void;
  /** Another action of the card is running. */
  busy: boolean;
}

/** When to import: a preset, or a cron expression of five fields in UTC. */
export function ImportScheduleForm({ schedule, onSubmit, onRemove, busy }: Props) {
  const [preset, setPreset] = useState<SchedulePreset>(() => (isPreset(schedule?.preset) ? schedule.preset : 'daily'));
  const [cron, setCron] = useState(() => (schedule?.preset === 'cron' ? (schedule.cron ?? '') : ''));
  const form = useFormSubmit<FieldName>({
    fields: ['preset', 'cron'],
    validate: () => (preset === 'cron' && cron.trim() === '' ? { cron: 'Enter a cron expression' } : {}),
    send: () => onSubmit(preset === 'cron' ? { preset, cron: cron.trim() } : { preset }),
  });
  const { errors } = form;

  return (
    <form className="form schedule-form" onSubmit={form.submit} noValidate aria-label="Import schedule">
      <ErrorAlert error={form.error} unmatched={form.unmatched} />
      <FormField id="schedule-preset" label="Import" error={errors.preset}>
        <select {...fieldInputProps('schedule-preset', errors.preset)} name="preset" value={preset} onChange={(e) => setPreset(e.target.value as SchedulePreset)}>
          {SCHEDULE_PRESETS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </FormField>
      {preset === 'cron' && (
        <FormField
          id="schedule-cron"
          label="Cron expression"
          required
          error={errors.cron}
          help="Five fields in UTC: minute, hour, day of month, month, day of week. For example 30 3 * * 1-5 is 03:30 on weekdays."
        >
          <input
            {...fieldInputProps('schedule-cron', errors.cron, { required: true, help: true })}
            name="cron"
            className="mono"
            autoComplete="off"
            spellCheck={false}
            maxLength={100}
            placeholder="30 3 * * 1-5"
            value={cron}
            onChange={(e) => setCron(e.target.value)}
          />
        </FormField>
      )}
      <FormActions busy={form.busy || busy} sending={form.busy} label={schedule ? 'Save schedule' : 'Set schedule'} busyLabel="Saving…">
        {onRemove && (
          <button type="button" className="btn btn-ghost" disabled={form.busy || busy} onClick={onRemove}>
            Remove schedule
          </button>
        )}
      </FormActions>
    </form>
  );
}
