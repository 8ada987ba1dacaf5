import { useCallback, useEffect, useState } from 'react';
import { ErrorAlert } from '../shared/ErrorAlert';
import { useLoad } from '../shared/hooks';
import { ProgressBar } from '../shared/ProgressBar';
import { RefreshFailedNotice } from '../shared/RefreshFailedNotice';
import { usePageActions } from '../shared/usePageActions';
import { COUNTERS, PHASE_LABELS, progressPercent } from './importRun';
import { cancelImport, getImportRun, type ImportRun } from './importsApi';

/** How often a running import is asked for its counters. */
export const IMPORT_POLL_MS = 1000;

interface Props {
  /** The running import, as last heard of. */
  run: ImportRun;
  /** The admin may cancel it. */
  canCancel: boolean;
  /** Every fresh state of the run, the last one finished. */
  onUpdate: (run: ImportRun) => void;
}

/**
 * A running import, asked for every second while it is shown: phase, a progress bar (a
 * percentage when the last complete run tells how many to expect), its counters, and Cancel.
 */
export function ImportProgress({ run, canCancel, onUpdate }: Props) {
  const load = useCallback(() => getImportRun(run.id), [run.id]);
  const polled = useLoad(load, [run.id], IMPORT_POLL_MS);
  const actions = usePageActions<'cancel'>();
  const [cancelAsked, setCancelAsked] = useState(false);

  useEffect(() => {
    if (polled.data) onUpdate(polled.data);
  }, [polled.data]);

  const cancel = () =>
    actions.run('cancel', async () => {
      const cancelling = await cancelImport(run.id);
      setCancelAsked(true);
      if (cancelling) onUpdate(cancelling);
    });

  const percent = progressPercent(run);
  const cancelling = cancelAsked || actions.busy === 'cancel';
  return (
    <div className="import-progress" role="group" aria-label="Import in progress" data-testid="import-progress">
      <div className="import-progress-head">
        <strong data-testid="import-phase">{run.phase ? (PHASE_LABELS[run.phase] ?? run.phase) : 'Importing'}…</strong>
        <span className="muted" data-testid="import-percent">
          {percent === null ? `${run.read ?? 0} read so far` : `${percent}%`}
        </span>
        <span className="spacer" />
        {canCancel && (
          <button type="button" className="btn btn-sm" disabled={cancelling} onClick={() => void cancel()}>
            {cancelling ? 'Cancelling…' : 'Cancel import'}
          </button>
        )}
      </div>
      <ProgressBar percent={percent} label="Import progress" />
      <dl className="import-counters" data-testid="import-counters">
        {COUNTERS.map((c) => (
          <div key={c.key} data-counter={c.key}>
            <dt>{c.label}</dt>
            <dd>{run[c.key] ?? 0}</dd>
          </div>
        ))}
      </dl>
      {cancelAsked && <p className="muted small">The import stops after the page it is reading.</p>}
      <ErrorAlert error={actions.error} />
      <RefreshFailedNotice what="the progress" error={polled.error} />
    </div>
  );
}
