import { fieldInputProps, FormField } from '../shared/form/FormField';
import type { Correlation, Operation, Provisioning } from './connectorsApi';
import { CORRELATIONS, DIRECTIONS, OPERATIONS, receivesChanges } from './provisioningOptions';

interface Props {
  value: Required<Provisioning>;
  onChange: (value: Required<Provisioning>) => void;
  /** What the connector type can do: an operation it cannot carry out is not offered. */
  capabilities: readonly string[];
  /** Messages by field: `direction`, `operations`, `correlation`. */
  errors: Record<string, string>;
  disabled?: boolean;
}

function FieldsetError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id}>
      {message}
    </p>
  );
}

/**
 * The connector's part in provisioning: its direction (each explained), the changes a target
 * receives, and how a new account is matched to an existing user.
 */
export function ProvisioningFields({ value, onChange, capabilities, errors, disabled }: Props) {
  const set = (patch: Partial<Provisioning>) => onChange({ ...value, ...patch });
  const toggle = (operation: Operation, on: boolean) =>
    set({ operations: on ? [...value.operations, operation] : value.operations.filter((o) => o !== operation) });

  return (
    <section className="form-section" aria-labelledby="provisioning-title">
      <h2 id="provisioning-title" className="section-title">
        Provisioning
      </h2>
      <div className="provisioning-fields">
        <fieldset className="choice-group" aria-describedby={errors.direction ? 'provisioning-direction-error' : undefined}>
          <legend>Direction</legend>
          {DIRECTIONS.map((d) => {
            const id = `provisioning-direction-${d.value}`;
            return (
              <div key={d.value} className="choice">
                <input
                  type="radio"
                  id={id}
                  data-testid={id}
                  name="provisioning-direction"
                  value={d.value}
                  checked={value.direction === d.value}
                  disabled={disabled}
                  aria-describedby={`${id}-help`}
                  onChange={() => set({ direction: d.value })}
                />
                <label htmlFor={id}>{d.label}</label>
                <p className="field-help" id={`${id}-help`}>
                  {d.description}
                </p>
              </div>
            );
          })}
          <FieldsetError id="provisioning-direction-error" message={errors.direction} />
        </fieldset>

        {receivesChanges(value.direction) ? (
          <fieldset className="choice-group" aria-describedby={errors.operations ? 'provisioning-operations-error' : undefined}>
            <legend>Changes this system receives</legend>
            {OPERATIONS.map((op) => {
              const id = `provisioning-operation-${op.value}`;
              const checked = value.operations.includes(op.value);
              const supported = capabilities.includes(op.capability);
              return (
                <div key={op.value} className="check-row">
                  <input
                    type="checkbox"
                    id={id}
                    data-testid={id}
                    checked={checked}
                    // One the type cannot carry out can still be unticked.
                    disabled={disabled || (!supported && !checked)}
                    aria-describedby={supported ? undefined : `${id}-unsupported`}
                    onChange={(e) => toggle(op.value, e.target.checked)}
                  />
                  <label htmlFor={id}>{op.label}</label>
                  {!supported && (
                    <span className="muted small" id={`${id}-unsupported`}>
                      Not supported by this connector type
                    </span>
                  )}
                </div>
              );
            })}
            <FieldsetError id="provisioning-operations-error" message={errors.operations} />
          </fieldset>
        ) : (
          <p className="muted provisioning-source-note" data-testid="provisioning-source-note">
            A source receives no changes from the hub. Choose Target or Both to send it new users, updates, passwords or group
            memberships.
          </p>
        )}

        <FormField
          id="provisioning-correlation"
          label="Match new accounts by"
          error={errors.correlation}
          help="How an account the hub sees for the first time is matched to an existing user."
        >
          <select
            {...fieldInputProps('provisioning-correlation', errors.correlation, { help: true })}
            name="provisioning.correlation"
            value={value.correlation}
            disabled={disabled}
            onChange={(e) => set({ correlation: e.target.value as Correlation })}
          >
            {CORRELATIONS.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </FormField>
      </div>
    </section>
  );
}
