/**
 * Turns a connector type's settings schema (JSON Schema 2020-12) into form fields, form values
 * into settings, and checks values before they are sent. The hub validates again; this only
 * saves the admin a round trip.
 *
 * Form values are kept raw, as the inputs hold them: text for text, number, select and list
 * fields (a list is one value per line), a boolean for a checkbox, a nested object for an
 * object property.
 */

export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  const?: unknown;
  default?: unknown;
  writeOnly?: boolean;
  readOnly?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  [keyword: string]: unknown;
}

export type FieldKind = 'text' | 'secret' | 'integer' | 'number' | 'boolean' | 'select' | 'list' | 'object' | 'json';

export interface FieldOption {
  value: unknown;
  label: string;
}

export interface FieldSpec {
  /** The property name. */
  key: string;
  /** Dotted path from the form's root, e.g. `bindDn` or `tls.trustStore`. */
  path: string;
  kind: FieldKind;
  label: string;
  description?: string;
  required: boolean;
  schema: JsonSchema;
  options?: FieldOption[];
  children?: FieldSpec[];
}

export type FormValue = string | boolean | FormValues;
export interface FormValues {
  [key: string]: FormValue;
}

export type Settings = Record<string, unknown>;

/** The main type of a property: the first of a type list that is not "null". */
export function primaryType(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null');
  if (typeof schema.type === 'string') return schema.type;
  if (schema.enum) return typeof schema.enum.find((v) => v !== null);
  if (schema.properties) return 'object';
  return undefined;
}

/** `bindDn` → "Bind dn", `user_base` → "User base": a label when the schema gives no title. */
export function labelFromKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function optionsOf(schema: JsonSchema): FieldOption[] | undefined {
  if (Array.isArray(schema.enum)) {
    const names = Array.isArray(schema['x-enumNames']) ? (schema['x-enumNames'] as unknown[]) : undefined;
    return schema.enum
      .filter((value) => value !== null)
      .map((value, i) => ({ value, label: typeof names?.[i] === 'string' ? (names[i] as string) : String(value) }));
  }
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(alternatives) && alternatives.length > 0 && alternatives.every((alt) => alt && 'const' in alt)) {
    return alternatives.map((alt) => ({ value: alt.const, label: alt.title ?? String(alt.const) }));
  }
  return undefined;
}

function kindOf(schema: JsonSchema): FieldKind {
  if (optionsOf(schema)) return 'select';
  switch (primaryType(schema)) {
    case 'boolean':
      return 'boolean';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'string':
      return schema.writeOnly ? 'secret' : 'text';
    case 'array': {
      const itemType = schema.items ? primaryType(schema.items) : 'string';
      return itemType === 'string' || itemType === 'integer' || itemType === 'number' ? 'list' : 'json';
    }
    case 'object':
      return schema.properties ? 'object' : 'json';
    default:
      return schema.writeOnly ? 'secret' : 'text';
  }
}

/** The form fields of an object schema, in the order the schema lists its properties. */
export function describeFields(schema: JsonSchema, parentPath = ''): FieldSpec[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {})
    .filter(([, prop]) => prop && typeof prop === 'object' && !prop.readOnly)
    .map(([key, prop]) => {
      const path = parentPath ? `${parentPath}.${key}` : key;
      const kind = kindOf(prop);
      return {
        key,
        path,
        kind,
        label: prop.title ?? labelFromKey(key),
        description: prop.description,
        required: required.has(key),
        schema: prop,
        options: kind === 'select' ? optionsOf(prop) : undefined,
        children: kind === 'object' ? describeFields(prop, path) : undefined,
      };
    });
}

/** Every field path of a form, nested ones included. */
export function fieldPaths(fields: FieldSpec[]): string[] {
  return fields.flatMap((f) => (f.children ? fieldPaths(f.children) : [f.path]));
}

function rawValue(field: FieldSpec, value: unknown): FormValue {
  switch (field.kind) {
    case 'secret':
      return ''; // never pre-filled: the hub does not return secrets
    case 'boolean':
      return value === undefined || value === null ? false : Boolean(value);
    case 'list':
      return Array.isArray(value) ? value.map(String).join('\n') : value === undefined || value === null ? '' : String(value);
    case 'object':
      return valuesFor(field.children ?? [], isRecord(value) ? value : undefined);
    case 'json':
      return value === undefined ? '' : JSON.stringify(value, null, 2);
    default:
      return value === undefined || value === null ? '' : String(value);
  }
}

function valuesFor(fields: FieldSpec[], settings: Settings | undefined): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const given = settings && field.key in settings ? settings[field.key] : undefined;
    values[field.key] = rawValue(field, given !== undefined ? given : field.schema.default);
  }
  return values;
}

/**
 * The form's starting values: the given settings (when editing) over the schema's defaults.
 * Secrets always start empty.
 */
export function initialValues(schema: JsonSchema, settings?: Settings): FormValues {
  return valuesFor(describeFields(schema), settings);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listItems(raw: string): string[] {
  return raw
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function settingsFor(fields: FieldSpec[], values: FormValues): Settings {
  const settings: Settings = {};
  for (const field of fields) {
    const raw = values[field.key];
    switch (field.kind) {
      case 'boolean':
        settings[field.key] = raw === true;
        break;
      case 'secret':
        // Empty means "not given": on an update the hub keeps the stored secret.
        if (typeof raw === 'string' && raw !== '') settings[field.key] = raw;
        break;
      case 'integer':
      case 'number':
        if (typeof raw === 'string' && raw.trim() !== '') settings[field.key] = Number(raw.trim());
        break;
      case 'select': {
        if (typeof raw === 'string' && raw !== '') {
          const option = field.options?.find((o) => String(o.value) === raw);
          settings[field.key] = option ? option.value : raw;
        }
        break;
      }
      case 'list': {
        const items = typeof raw === 'string' ? listItems(raw) : [];
        const itemType = field.schema.items ? primaryType(field.schema.items) : 'string';
        if (items.length > 0) {
          settings[field.key] = itemType === 'integer' || itemType === 'number' ? items.map(Number) : items;
        }
        break;
      }
      case 'object': {
        const nested = settingsFor(field.children ?? [], isRecord(raw) ? (raw as FormValues) : {});
        if (Object.keys(nested).length > 0) settings[field.key] = nested;
        break;
      }
      case 'json':
        if (typeof raw === 'string' && raw.trim() !== '') {
          try {
            settings[field.key] = JSON.parse(raw);
          } catch {
            settings[field.key] = raw;
          }
        }
        break;
      default:
        if (typeof raw === 'string' && raw.trim() !== '') settings[field.key] = raw.trim();
    }
  }
  return settings;
}

/**
 * The settings to send: typed values, lists split into lines, empty fields left out (so an
 * empty secret keeps its stored value on an update).
 */
export function toSettings(schema: JsonSchema, values: FormValues): Settings {
  return settingsFor(describeFields(schema), values);
}

function isBlank(raw: FormValue | undefined): boolean {
  return raw === undefined || (typeof raw === 'string' && raw.trim() === '');
}

function checkField(field: FieldSpec, raw: FormValue | undefined, secretsSet: ReadonlySet<string>): string | undefined {
  const s = field.schema;
  if (field.kind === 'object' || field.kind === 'boolean') return undefined;
  if (isBlank(raw)) {
    if (!field.required) return undefined;
    if (field.kind === 'secret' && (secretsSet.has(field.path) || secretsSet.has(field.key))) return undefined;
    return field.kind === 'list' ? 'Enter at least one value' : 'Required';
  }
  const text = typeof raw === 'string' ? raw : '';
  switch (field.kind) {
    case 'integer':
    case 'number': {
      const n = Number(text.trim());
      if (Number.isNaN(n)) return 'Enter a number';
      if (field.kind === 'integer' && !Number.isInteger(n)) return 'Enter a whole number';
      if (s.minimum !== undefined && n < s.minimum) return `Must be at least ${s.minimum}`;
      if (s.maximum !== undefined && n > s.maximum) return `Must be at most ${s.maximum}`;
      if (s.exclusiveMinimum !== undefined && n <= s.exclusiveMinimum) return `Must be more than ${s.exclusiveMinimum}`;
      if (s.exclusiveMaximum !== undefined && n >= s.exclusiveMaximum) return `Must be less than ${s.exclusiveMaximum}`;
      return undefined;
    }
    case 'text':
    case 'secret': {
      const value = field.kind === 'text' ? text.trim() : text;
      if (s.minLength !== undefined && value.length < s.minLength) return `Enter at least ${s.minLength} characters`;
      if (s.maxLength !== undefined && value.length > s.maxLength) return `Enter at most ${s.maxLength} characters`;
      if (s.pattern) {
        try {
          if (!new RegExp(s.pattern, 'u').test(value)) return 'This value does not have the expected format';
        } catch {
          return undefined; // a pattern JavaScript cannot read: leave it to the hub
        }
      }
      return undefined;
    }
    case 'list': {
      const items = listItems(text);
      if (s.minItems !== undefined && items.length < s.minItems) return `Enter at least ${s.minItems} values`;
      if (s.maxItems !== undefined && items.length > s.maxItems) return `Enter at most ${s.maxItems} values`;
      const itemType = s.items ? primaryType(s.items) : 'string';
      if ((itemType === 'integer' || itemType === 'number') && items.some((i) => Number.isNaN(Number(i)))) {
        return 'Enter one number per line';
      }
      return undefined;
    }
    case 'json':
      try {
        JSON.parse(text);
        return undefined;
      } catch {
        return 'Enter valid JSON';
      }
    default:
      return undefined;
  }
}

function validateFields(fields: FieldSpec[], values: FormValues, secretsSet: ReadonlySet<string>, errors: Record<string, string>) {
  for (const field of fields) {
    const raw = values[field.key];
    if (field.kind === 'object') {
      validateFields(field.children ?? [], isRecord(raw) ? (raw as FormValues) : {}, secretsSet, errors);
      continue;
    }
    const message = checkField(field, raw, secretsSet);
    if (message) errors[field.path] = message;
  }
}

/**
 * Problems the admin can fix before sending, keyed by field path. A required secret counts as
 * given when `secretsSet` says the hub already stores a value for it.
 */
export function validateValues(schema: JsonSchema, values: FormValues, secretsSet: readonly string[] = []): Record<string, string> {
  const errors: Record<string, string> = {};
  validateFields(describeFields(schema), values, new Set(secretsSet), errors);
  return errors;
}

/** A copy of `values` with the value at a dotted path replaced. */
export function setValue(values: FormValues, path: string, value: FormValue): FormValues {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) return { ...values, [head]: value };
  const child = values[head];
  return { ...values, [head]: setValue(isRecord(child) ? (child as FormValues) : {}, rest.join('.'), value) };
}
