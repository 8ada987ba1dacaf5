import { useMemo, useState } from 'react';
import { ErrorAlert } from '../shared/ErrorAlert';
import { errorsUnder } from '../shared/form/fieldErrors';
import { FormActions } from '../shared/form/FormActions';
import { SchemaForm } from '../shared/form/SchemaForm';
import {
  describeFields,
  fieldPaths,
  initialValues,
  toSettings,
  validateValues,
  type FormValues,
  type Settings,
} from '../shared/form/schema';
import { useFieldErrors } from '../shared/form/useFieldErrors';
import { ConnectionReportView } from './ConnectionReportView';
import type { ConnectionReport, ConnectorType, Provisioning } from './connectorsApi';
import { ProvisioningFields } from './ProvisioningFields';
import { provisioningBody, withDefaults } from './provisioningOptions';

export interface ConnectorFormSubmit {
  name: string;
  settings: Settings;
  /** Only in create mode: start the connector once saved. */
  enabled: boolean;
  provisioning: Required<Provisioning>;
}

const PROVISIONING_PATHS = ['provisioning.direction', 'provisioning.operations', 'provisioning.correlation'];

interface Props {
  type: ConnectorType;
  mode: 'create' | 'edit';
  initialName?: string;
  initialSettings?: Settings;
  /** The saved provisioning (edit mode); the hub's defaults otherwise. */
  initialProvisioning?: Provisioning | null;
  /** Secrets the hub stores (edit mode): shown as stored, optional to re-enter. */
  secretsSet?: readonly string[];
  /** Show the values without letting the admin change them. */
  readOnly?: boolean;
  /** Tests the settings in the form; no Test button without it. */
  onTest?: (settings: Settings) => Promise<ConnectionReport>;
  onSubmit: (values: ConnectorFormSubmit) => Promise<void>;
  onCancel?: () => void;
}

/**
 * The connector's name, the settings form generated from its type's schema and its part in
 * provisioning, with "Test connection" and "Save". Problems from the hub appear next to the
 * fields they name.
 */
export function ConnectorForm(props: Props) {
  const { type, mode, initialName = '', initialSettings, initialProvisioning, secretsSet = [], readOnly, onTest, onSubmit, onCancel } = props;
  const schema = type.settingsSchema ?? { type: 'object', properties: {} };
  const knownPaths = useMemo(
    () => ['name', ...fieldPaths(describeFields(schema)).map((p) => `settings.${p}`), ...PROVISIONING_PATHS],
    [schema],
  );
  const [name, setName] = useState(initialName);
  const [enabled, setEnabled] = useState(true);
  const [values, setValues] = useState<FormValues>(() => initialValues(schema, initialSettings));
  const [provisioning, setProvisioning] = useState(() => withDefaults(initialProvisioning));
  const { errors, unmatched, error, check: showFindings, fail: showFailure } = useFieldErrors<string>(knownPaths);
  const [report, setReport] = useState<ConnectionReport>();
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);

  const check = (withName: boolean): boolean => {
    const found: Record<string, string> = {};
    if (withName && !name.trim()) found.name = 'Required';
    for (const [path, message] of Object.entries(validateValues(schema, values, secretsSet))) {
      found[`settings.${path}`] = message;
    }
    return showFindings(found);
  };

  const test = async () => {
    if (!onTest || !check(false)) return;
    setBusy('test');
    setReport(undefined);
    try {
      setReport(await onTest(toSettings(schema, values)));
    } catch (e) {
      showFailure(e);
    } finally {
      setBusy(null);
    }
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (readOnly || !check(true)) return;
    setBusy('save');
    try {
      await onSubmit({ name: name.trim(), settings: toSettings(schema, values), enabled, provisioning: provisioningBody(provisioning) });
    } catch (e) {
      showFailure(e);
    } finally {
      setBusy(null);
    }
  };

  const settingsErrors = errorsUnder(errors, 'settings');
  return (
    <form className="form connector-form" onSubmit={submit} noValidate aria-label={`${type.displayName} connector settings`}>
      <ErrorAlert error={error} unmatched={unmatched} />
      <section className="form-section">
        <h2 className="section-title">General</h2>
        <div className={`form-field${errors.name ? ' has-error' : ''}`}>
          <span className="label-row">
            <label htmlFor="connector-name">Name</label>
            <span className="required-mark" aria-hidden="true">
              *
            </span>
          </span>
          <input
            id="connector-name"
            data-testid="connector-name"
            name="name"
            maxLength={100}
            autoComplete="off"
            required
            disabled={readOnly}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? 'connector-name-error' : 'connector-name-help'}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          {errors.name && (
            <p className="field-error" id="connector-name-error">
              {errors.name}
            </p>
          )}
          <p className="field-help" id="connector-name-help">
            How this connector appears in the console and the audit log.
          </p>
        </div>
        {mode === 'create' && (
          <div className="form-field form-check">
            <div className="check-row">
              <input id="connector-enabled" data-testid="connector-enabled" type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
              <label htmlFor="connector-enabled">Start the connector when it is saved</label>
            </div>
          </div>
        )}
      </section>

      <section className="form-section">
        <h2 className="section-title">Connection settings</h2>
        {Object.keys(schema.properties ?? {}).length === 0 ? (
          <p className="muted">This connector type has no settings.</p>
        ) : (
          <SchemaForm schema={schema} values={values} onChange={setValues} errors={settingsErrors} secretsSet={secretsSet} disabled={readOnly} />
        )}
      </section>

      <ProvisioningFields
        value={provisioning}
        onChange={setProvisioning}
        capabilities={type.capabilities ?? []}
        errors={errorsUnder(errors, 'provisioning')}
        disabled={readOnly}
      />

      {!readOnly && (
        <FormActions
          busy={busy !== null}
          sending={busy === 'save'}
          label={mode === 'create' ? 'Save' : 'Save changes'}
          busyLabel="Saving…"
          onCancel={onCancel}
        >
          {onTest && (
            <button type="button" className="btn" onClick={test} disabled={busy !== null}>
              {busy === 'test' ? 'Testing…' : 'Test connection'}
            </button>
          )}
        </FormActions>
      )}
      {busy === 'test' && (
        <p className="muted" role="status">
          Testing the connection…
        </p>
      )}
      {report && <ConnectionReportView report={report} />}
    </form>
  );
}
