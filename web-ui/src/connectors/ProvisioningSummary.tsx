import { humanize } from '../shared/format';
import type { Provisioning } from './connectorsApi';
import { CORRELATIONS, DIRECTIONS, OPERATIONS, receivesChanges, withDefaults } from './provisioningOptions';

/** The connector's direction, the changes it receives and how it matches accounts, as entries of a `<dl>`. */
export function ProvisioningSummary({ provisioning }: { provisioning: Provisioning | null | undefined }) {
  const p = withDefaults(provisioning);
  const direction = DIRECTIONS.find((d) => d.value === p.direction);
  const operations = OPERATIONS.filter((o) => p.operations.includes(o.value)).map((o) => o.label);
  return (
    <>
      <dt>Direction</dt>
      <dd data-testid="connector-direction" data-direction={p.direction}>
        {direction?.label ?? humanize(p.direction)}
        {direction && <span className="muted small block">{direction.description}</span>}
      </dd>
      {receivesChanges(p.direction) && (
        <>
          <dt>Receives</dt>
          <dd data-testid="connector-operations">
            {operations.length === 0 ? <span className="muted">No changes chosen yet</span> : operations.join(', ')}
          </dd>
        </>
      )}
      <dt>Matches new accounts by</dt>
      <dd data-testid="connector-correlation">{CORRELATIONS.find((c) => c.value === p.correlation)?.label ?? humanize(p.correlation)}</dd>
    </>
  );
}
