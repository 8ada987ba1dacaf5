import { useMemo } from 'react';
import { describeFields, setValue, type FieldSpec, type FormValue, type FormValues, type JsonSchema } from './schema';

export const STORED_SECRET_PLACEHOLDER = '•••• stored — leave empty to keep';

interface Props {
  /** An object schema; each property becomes a field. */
  schema: JsonSchema;
  values: FormValues;
  onChange: (values: FormValues) => void;
  /** Messages keyed by field path (`urls`, `tls.trustStore`). */
  errors?: Record<string, string>;
  /** Secret settings the hub already stores a value for (paths or property names). */
  secretsSet?: readonly string[];
  disabled?: boolean;
  /** Prefix of input ids and test ids: inputs are `#<prefix>-<path>`, `[data-testid=<prefix>-<path>]`. */
  idPrefix?: string;
}

/**
 * A form generated from a JSON Schema: string → text, writeOnly string → password, integer and
 * number → number input with min/max, boolean → checkbox, enum → select, array of strings → one
 * value per line, object → a group of fields. `title` labels, `description` helps, `default`
 * pre-fills (through the values given), required fields are marked.
 */
export function SchemaForm({ schema, values, onChange, errors = {}, secretsSet = [], disabled, idPrefix = 'setting' }: Props) {
  const fields = useMemo(() => describeFields(schema), [schema]);
  const form: FormContext = {
    values,
    errors,
    secretsSet,
    disabled,
    idPrefix,
    onValue: (path, value) => onChange(setValue(values, path, value)),
  };
  return (
    <div className="schema-form">
      {fields.map((field) => (
        <Field key={field.path} field={field} form={form} />
      ))}
    </div>
  );
}

/** What every field of the form needs besides its own description. */
interface FormContext {
  values: FormValues;
  errors: Record<string, string>;
  secretsSet: readonly string[];
  disabled?: boolean;
  idPrefix: string;
  onValue: (path: string, value: FormValue) => void;
}

interface FieldProps {
  field: FieldSpec;
  form: FormContext;
}

function valueAt(values: FormValues, path: string): FormValue | undefined {
  let current: FormValue | undefined = values;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as FormValues)[segment];
  }
  return current;
}

function RequiredMark() {
  return (
    <span className="required-mark" aria-hidden="true" title="Required">
      *
    </span>
  );
}

function Field({ field, form }: FieldProps) {
  const { values, errors, secretsSet, disabled, idPrefix, onValue } = form;
  const id = `${idPrefix}-${field.path}`;
  const error = errors[field.path];
  const raw = valueAt(values, field.path);

  if (field.kind === 'object') {
    return (
      <fieldset className="form-fieldset">
        <legend>
          {field.label}
          {field.required && <RequiredMark />}
        </legend>
        {field.description && <p className="field-help">{field.description}</p>}
        {(field.children ?? []).map((child) => (
          <Field key={child.path} field={child} form={form} />
        ))}
      </fieldset>
    );
  }

  const secretStored = field.kind === 'secret' && (secretsSet.includes(field.path) || secretsSet.includes(field.key));
  const helpParts = [
    field.description,
    field.kind === 'list' ? 'One value per line.' : undefined,
    secretStored ? 'A value is stored. Leave this empty to keep it, or type a new one to replace it.' : undefined,
  ].filter(Boolean);
  const helpId = helpParts.length > 0 ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, helpId].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: field.path,
    'data-testid': id,
    disabled,
    'aria-invalid': error ? true : undefined,
    'aria-required': field.required && !secretStored ? true : undefined,
    'aria-describedby': describedBy,
  } as const;
  const text = typeof raw === 'string' ? raw : '';
  const s = field.schema;

  let control: React.ReactNode;
  switch (field.kind) {
    case 'boolean':
      control = (
        <input
          {...common}
          type="checkbox"
          checked={raw === true}
          onChange={(event) => onValue(field.path, event.target.checked)}
        />
      );
      break;
    case 'select':
      control = (
        <select {...common} value={text} onChange={(event) => onValue(field.path, event.target.value)}>
          {(text === '' || (!field.required && s.default === undefined)) && (
            <option value="">{field.required ? 'Choose…' : '— not set —'}</option>
          )}
          {(field.options ?? []).map((option) => (
            <option key={String(option.value)} value={String(option.value)}>
              {option.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'integer':
    case 'number':
      control = (
        <input
          {...common}
          type="number"
          inputMode={field.kind === 'integer' ? 'numeric' : 'decimal'}
          min={s.minimum ?? s.exclusiveMinimum}
          max={s.maximum ?? s.exclusiveMaximum}
          step={field.kind === 'integer' ? 1 : 'any'}
          value={text}
          onChange={(event) => onValue(field.path, event.target.value)}
        />
      );
      break;
    case 'secret':
      control = (
        <input
          {...common}
          type="password"
          autoComplete="new-password"
          placeholder={secretStored ? STORED_SECRET_PLACEHOLDER : undefined}
          value={text}
          onChange={(event) => onValue(field.path, event.target.value)}
        />
      );
      break;
    case 'list':
    case 'json':
      control = (
        <textarea
          {...common}
          className={field.kind === 'json' ? 'mono' : undefined}
          rows={Math.min(10, Math.max(3, text.split('\n').length + 1))}
          spellCheck={false}
          value={text}
          onChange={(event) => onValue(field.path, event.target.value)}
        />
      );
      break;
    default:
      // A text with a media type (a PEM certificate, a key file) keeps its line breaks.
      control = typeof s.contentMediaType === 'string' ? (
        <textarea
          {...common}
          className="mono"
          rows={Math.min(12, Math.max(4, text.split('\n').length + 1))}
          spellCheck={false}
          value={text}
          onChange={(event) => onValue(field.path, event.target.value)}
        />
      ) : (
        <input
          {...common}
          type={s.format === 'uri' ? 'url' : s.format === 'email' ? 'email' : 'text'}
          autoComplete="off"
          spellCheck={false}
          maxLength={s.maxLength}
          placeholder={Array.isArray(s.examples) && s.examples.length > 0 ? `e.g. ${String(s.examples[0])}` : undefined}
          value={text}
          onChange={(event) => onValue(field.path, event.target.value)}
        />
      );
  }

  // The mark sits beside the label, not in it: the field's accessible name stays its title.
  const label = (
    <span className="label-row">
      <label htmlFor={id}>{field.label}</label>
      {field.required && <RequiredMark />}
    </span>
  );

  return (
    <div className={`form-field${field.kind === 'boolean' ? ' form-check' : ''}${error ? ' has-error' : ''}`}>
      {field.kind === 'boolean' ? (
        <div className="check-row">
          {control}
          {label}
        </div>
      ) : (
        <>
          {label}
          {control}
        </>
      )}
      {error && (
        <p className="field-error" id={errorId} data-testid={`${id}-error`}>
          {error}
        </p>
      )}
      {helpId && (
        <p className="field-help" id={helpId}>
          {helpParts.join(' ')}
        </p>
      )}
    </div>
  );
}
