import { Fragment, useEffect, useState } from 'react';
import { ActionsColumnHeader } from '../shared/ActionsColumnHeader';
import { formatDateTime, formatDuration } from '../shared/format';
import { NoValue } from '../shared/NoValue';
import { COUNTERS, importRunAnchor, TRIGGER_LABELS } from './importRun';
import type { ImportRun } from './importsApi';
import { ImportStatusBadge } from './ImportStatusBadge';

interface Props {
  runs: ImportRun[];
  /** The run a link pointed to: its failures open and its row is marked. */
  selectedId?: string;
}

/** Every column but the failures' own. */
const COLUMNS = 5 + COUNTERS.length;

/** The connector's import runs, newest first; a finished run's failures open under its row. */
export function ImportHistoryTable({ runs, selectedId }: Props) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(selectedId ? [selectedId] : []));

  useEffect(() => {
    if (!selectedId) return;
    setOpen((current) => new Set(current).add(selectedId));
    document.getElementById(importRunAnchor(selectedId))?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [selectedId]);

  const toggle = (runId: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(runId)) next.add(runId);
      return next;
    });

  return (
    <table className="table table-compact" data-testid="import-history">
      <thead>
        <tr>
          <th scope="col">Started</th>
          <th scope="col">Trigger</th>
          <th scope="col">Status</th>
          {COUNTERS.map((c) => (
            <th key={c.key} scope="col" className="num-col">
              {c.label}
            </th>
          ))}
          <th scope="col">Duration</th>
          <ActionsColumnHeader />
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <ImportRunRows key={run.id} run={run} selected={run.id === selectedId} expanded={open.has(run.id)} onToggle={() => toggle(run.id)} />
        ))}
      </tbody>
    </table>
  );
}

interface RowProps {
  run: ImportRun;
  selected: boolean;
  expanded: boolean;
  onToggle: () => void;
}

/** A run's row, its error under it, and its failures when opened. */
function ImportRunRows({ run, selected, expanded, onToggle }: RowProps) {
  const anchor = importRunAnchor(run.id);
  const failures = run.status === 'running' ? [] : (run.failures ?? []);
  const showFailures = expanded && failures.length > 0;
  const detailBelow = Boolean(run.error) || showFailures;
  return (
    <Fragment>
      <tr
        id={anchor}
        data-testid="import-row"
        data-run-id={run.id}
        aria-current={selected ? 'true' : undefined}
        className={[selected ? 'selected-row' : '', detailBelow ? 'has-row-error' : ''].join(' ').trim() || undefined}
      >
        <td className="time-cell">{formatDateTime(run.startedAt)}</td>
        <td data-testid="import-trigger">
          {TRIGGER_LABELS[run.trigger] ?? run.trigger}
          {run.startedBy && <span className="muted small block">{run.startedBy}</span>}
        </td>
        <td>
          <ImportStatusBadge status={run.status} />
        </td>
        {COUNTERS.map((c) => (
          <td key={c.key} className="num-col" data-counter={c.key}>
            {run[c.key] ?? 0}
          </td>
        ))}
        <td>{formatDuration(run.startedAt, run.finishedAt) || <NoValue />}</td>
        <td className="actions-col">
          {failures.length > 0 && (
            <button type="button" className="btn btn-sm btn-ghost" aria-expanded={expanded} aria-controls={`${anchor}-failures`} onClick={onToggle}>
              {expanded ? 'Hide failures' : `Show failures (${failures.length})`}
            </button>
          )}
        </td>
      </tr>
      {run.error && (
        <tr className={`row-error-detail${showFailures ? ' has-row-error' : ''}`}>
          <td colSpan={COLUMNS}>
            <div className="row-error" data-testid="import-error">
              {run.error}
            </div>
          </td>
        </tr>
      )}
      {showFailures && (
        <tr id={`${anchor}-failures`} className="row-error-detail">
          <td colSpan={COLUMNS}>
            <ImportFailures run={run} failures={failures} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}

function ImportFailures({ run, failures }: { run: ImportRun; failures: NonNullable<ImportRun['failures']> }) {
  return (
    <div className="import-failures">
      <table className="table table-compact" data-testid="import-failures" aria-label={`Records the import of ${formatDateTime(run.startedAt)} could not import`}>
        <thead>
          <tr>
            <th scope="col">External id</th>
            <th scope="col">Name</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {failures.map((f, i) => (
            <tr key={`${f.externalId}-${i}`} data-testid="import-failure">
              <td className="mono small wrap-anywhere">{f.externalId}</td>
              <td>{f.name || <NoValue />}</td>
              <td className="wrap-anywhere">{f.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {run.failed > failures.length && (
        <p className="muted small">
          The first {failures.length} of {run.failed} records that failed.
        </p>
      )}
    </div>
  );
}
