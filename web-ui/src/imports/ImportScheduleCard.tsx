import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { ErrorAlert, Notice } from '../shared/ErrorAlert';
import { formatDateTime, formatRelative } from '../shared/format';
import { NoValue } from '../shared/NoValue';
import { usePageActions } from '../shared/usePageActions';
import { importRunAnchor } from './importRun';
import { deleteImportSchedule, setImportSchedule, type ImportSchedule, type ImportScheduleInput } from './importsApi';
import { ImportScheduleForm } from './ImportScheduleForm';
import { presetLabel } from './schedulePresets';

interface Props {
  connectorId: string;
  schedule: ImportSchedule | null | undefined;
  /** The connector's type imports users: only then can a schedule be set. */
  canImport: boolean;
  /** The schedule changed on the hub: load the connector again. */
  onChanged: () => Promise<void>;
}

/** When the hub imports the connector on its own: the schedule, its next and last run; admins change it. */
export function ImportScheduleCard({ connectorId, schedule, canImport, onChanged }: Props) {
  const { can } = useSession();
  const [outcome, setOutcome] = useState<string>();
  const actions = usePageActions<'remove'>(() => setOutcome(undefined));

  const save = async (input: ImportScheduleInput) => {
    actions.start();
    await setImportSchedule(connectorId, input);
    await onChanged();
    setOutcome('Schedule saved.');
  };

  const remove = () =>
    actions.run('remove', async () => {
      await deleteImportSchedule(connectorId);
      await onChanged();
      setOutcome('Schedule removed: the connector is imported only when started by hand.');
    });

  return (
    <section className="card" aria-labelledby="import-schedule-title" data-testid="import-schedule">
      <h2 id="import-schedule-title" className="section-title">
        Import schedule
      </h2>
      {outcome && <Notice tone="success">{outcome}</Notice>}
      <ErrorAlert error={actions.error} />
      {schedule ? (
        <ScheduleSummary schedule={schedule} />
      ) : (
        <p className="muted" data-testid="schedule-none">
          Not scheduled: the connector is imported only when started by hand.
        </p>
      )}
      {can('configure') && canImport && (
        <ImportScheduleForm
          key={`${schedule?.preset ?? ''} ${schedule?.cron ?? ''}`}
          schedule={schedule}
          busy={actions.busy !== null}
          onSubmit={save}
          onRemove={schedule ? () => void remove() : undefined}
        />
      )}
    </section>
  );
}

function ScheduleSummary({ schedule }: { schedule: ImportSchedule }) {
  return (
    <dl className="props schedule-summary" data-testid="schedule-summary">
      <dt>Runs</dt>
      <dd data-testid="schedule-preset-label">{presetLabel(schedule.preset)}</dd>
      {schedule.cron && (
        <>
          <dt>Cron (UTC)</dt>
          <dd className="mono" data-testid="schedule-cron-value">
            {schedule.cron}
          </dd>
        </>
      )}
      <dt>Next run</dt>
      <dd data-testid="schedule-next-run">{schedule.nextRunAt ? formatDateTime(schedule.nextRunAt) : <NoValue />}</dd>
      <dt>Last run</dt>
      <dd data-testid="schedule-last-run">
        {schedule.lastRunId ? (
          <Link to={{ hash: importRunAnchor(schedule.lastRunId) }} title={formatDateTime(schedule.lastRunAt)}>
            {schedule.lastRunAt ? formatRelative(schedule.lastRunAt) || formatDateTime(schedule.lastRunAt) : 'See the run'}
          </Link>
        ) : (
          <span className="muted">Not yet</span>
        )}
      </dd>
    </dl>
  );
}
