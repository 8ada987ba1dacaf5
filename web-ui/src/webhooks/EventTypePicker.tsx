import { EVENT_CATALOGUE, eventLabel } from '../events/eventTypes';

interface Props {
  /** The chosen types; none means every type. */
  value: readonly string[];
  onChange: (types: string[]) => void;
  error?: string;
  disabled?: boolean;
}

const CATALOGUED = new Set(EVENT_CATALOGUE.flatMap((group) => group.types));

/**
 * The event types a webhook receives, as checkboxes grouped by what they are about. Types the
 * subscription has that the catalogue lacks (added through the API) stay listed, so saving keeps them.
 */
export function EventTypePicker({ value, onChange, error, disabled }: Props) {
  const others = value.filter((t) => !CATALOGUED.has(t));
  const groups = others.length > 0 ? [...EVENT_CATALOGUE, { title: 'Other', types: others }] : EVENT_CATALOGUE;
  const toggle = (type: string, on: boolean) => onChange(on ? [...value, type] : value.filter((t) => t !== type));

  return (
    <fieldset
      className={`form-fieldset event-type-picker${error ? ' has-error' : ''}`}
      aria-describedby={error ? 'webhook-eventTypes-error' : 'webhook-eventTypes-help'}
      data-testid="webhook-event-types"
    >
      <legend>Event types</legend>
      {groups.map((group) => (
        <div key={group.title} className="event-type-group" role="group" aria-label={group.title}>
          <span className="field-label">{group.title}</span>
          {group.types.map((type) => (
            <label key={type} className="event-type-option">
              <input type="checkbox" checked={value.includes(type)} disabled={disabled} onChange={(e) => toggle(type, e.target.checked)} />
              <span>
                {eventLabel(type)}
                <span className="muted small mono block">{type}</span>
              </span>
            </label>
          ))}
        </div>
      ))}
      {error ? (
        <p className="field-error" id="webhook-eventTypes-error">
          {error}
        </p>
      ) : (
        <p className="field-help" id="webhook-eventTypes-help">
          {value.length === 0 ? 'None chosen: the webhook receives all events, including types added later.' : `${value.length} chosen.`}
        </p>
      )}
    </fieldset>
  );
}
