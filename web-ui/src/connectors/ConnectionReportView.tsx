import { useEffect, useRef } from 'react';
import type { ConnectionReport } from './connectorsApi';

/**
 * The outcome of a connection test: each step with ✓ or ✗, its name and what happened (the
 * first failed step is the diagnosis), then what was learnt about the system as a table.
 */
export function ConnectionReportView({ report }: { report: ConnectionReport }) {
  const steps = report.steps ?? [];
  const facts = Object.entries(report.facts ?? {});
  const success = report.success === true;
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    // A new report may land below the fold: bring it into view.
    ref.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [report]);
  return (
    <section
      ref={ref}
      className={`report ${success ? 'report-ok' : 'report-failed'}`}
      data-testid="connection-report"
      data-success={String(success)}
      aria-label="Connection test result"
    >
      <header className="report-header">
        <span className="report-icon" aria-hidden="true">
          {success ? '✓' : '✗'}
        </span>
        <div>
          <h3>{success ? 'Connection works' : 'Connection failed'}</h3>
          <p>
            {success
              ? `All ${steps.length} ${steps.length === 1 ? 'step' : 'steps'} succeeded.`
              : steps.length === 0
                ? 'The connector reported no steps.'
                : 'The first failed step below tells what to check.'}
          </p>
        </div>
      </header>
      {steps.length > 0 && (
        <ol className="report-steps">
          {steps.map((step, i) => (
            <li
              key={i}
              className={step.success ? 'step-ok' : 'step-failed'}
              data-testid="report-step"
              data-step={step.name}
              data-success={String(step.success === true)}
            >
              <span className="step-icon" role="img" aria-label={step.success ? 'succeeded' : 'failed'}>
                {step.success ? '✓' : '✗'}
              </span>
              <div>
                <div className="step-name">{step.name}</div>
                {step.detail && <div className="step-detail">{step.detail}</div>}
              </div>
            </li>
          ))}
        </ol>
      )}
      {facts.length > 0 && (
        <table className="facts" data-testid="report-facts">
          <caption>What the hub learnt</caption>
          <tbody>
            {facts.map(([key, value]) => (
              <tr key={key}>
                <th scope="row">{key}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
