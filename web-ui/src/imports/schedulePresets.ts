import type { SchedulePreset } from './importsApi';

/** The hub's presets (all in UTC), as the schedule form offers them. */
export const SCHEDULE_PRESETS: readonly { value: SchedulePreset; label: string }[] = [
  { value: 'hourly', label: 'Every hour, on the hour' },
  { value: 'daily', label: 'Every day at 02:00 UTC' },
  { value: 'weekly', label: 'Every Monday at 02:00 UTC' },
  { value: 'cron', label: 'On a cron schedule' },
];

export const isPreset = (value: string | undefined): value is SchedulePreset => SCHEDULE_PRESETS.some((p) => p.value === value);

export const presetLabel = (preset: string) => SCHEDULE_PRESETS.find((p) => p.value === preset)?.label ?? preset;
