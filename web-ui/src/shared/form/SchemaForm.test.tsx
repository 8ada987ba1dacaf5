import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { ldapSchema } from '../../test/fixtures';
import { SchemaForm, STORED_SECRET_PLACEHOLDER } from './SchemaForm';
import { initialValues, toSettings, validateValues, type FormValues, type JsonSchema, type Settings } from './schema';

/** Renders the form the way pages do and exposes the settings it would send. */
function renderForm(schema: JsonSchema, options: { settings?: Settings; secretsSet?: string[]; errors?: Record<string, string> } = {}) {
  let current: FormValues = initialValues(schema, options.settings);
  function Harness() {
    const [values, setValues] = useState(current);
    current = values;
    return (
      <SchemaForm
        schema={schema}
        values={values}
        onChange={(next) => {
          current = next;
          setValues(next);
        }}
        secretsSet={options.secretsSet}
        errors={options.errors}
      />
    );
  }
  render(<Harness />);
  return { settings: () => toSettings(schema, current), values: () => current };
}

describe('SchemaForm', () => {
  it('renders a writeOnly string as a password field that is never pre-filled', () => {
    renderForm(ldapSchema, { settings: { bindPassword: 'leaked?' } });
    const secret = screen.getByLabelText('Bind password');
    expect(secret).toHaveAttribute('type', 'password');
    expect(secret).toHaveValue('');
    expect(secret).toHaveAttribute('autocomplete', 'new-password');
  });

  it('renders an enum as a select offering exactly the enum values', () => {
    renderForm(ldapSchema);
    const select = screen.getByLabelText('Connection security');
    expect(select.tagName).toBe('SELECT');
    const options = Array.from((select as HTMLSelectElement).options).map((o) => o.value);
    expect(options).toEqual(['ldaps', 'starttls', 'none']);
  });

  it('pre-fills fields from the schema defaults and sends them typed', () => {
    const form = renderForm(ldapSchema);
    expect(screen.getByLabelText('Connection security')).toHaveValue('ldaps');
    expect(screen.getByLabelText('Page size')).toHaveValue(500);
    expect(screen.getByLabelText('Allow plaintext connections')).not.toBeChecked();
    expect(screen.getByLabelText('User object classes')).toHaveValue('inetOrgPerson\nperson');
    expect(form.settings()).toMatchObject({
      security: 'ldaps',
      allowPlaintext: false,
      pageSize: 500,
      connectTimeoutSeconds: 10,
      userObjectClasses: ['inetOrgPerson', 'person'],
    });
  });

  it('marks required fields and only those', () => {
    renderForm(ldapSchema);
    for (const label of ['Server URLs', 'Bind DN', 'Bind password', 'User base DN']) {
      const input = screen.getByLabelText(label);
      expect(input).toHaveAttribute('aria-required', 'true');
      expect(input.closest('.form-field')?.querySelector('.required-mark')).not.toBeNull();
    }
    const optional = screen.getByLabelText('Page size');
    expect(optional).not.toHaveAttribute('aria-required');
    expect(optional.closest('.form-field')?.querySelector('.required-mark')).toBeNull();
  });

  it('turns an array-of-strings field into one value per line, ignoring blank lines', async () => {
    const user = userEvent.setup();
    const form = renderForm(ldapSchema);
    const urls = screen.getByLabelText('Server URLs');
    expect(urls.tagName).toBe('TEXTAREA');
    await user.type(urls, 'ldap://dc1.example.com{enter}{enter}  ldap://dc2.example.com  ');
    expect(form.settings().urls).toEqual(['ldap://dc1.example.com', 'ldap://dc2.example.com']);
  });

  it('keeps the line breaks of a pasted PEM certificate', async () => {
    const user = userEvent.setup();
    const schema: JsonSchema = {
      type: 'object',
      properties: { trustedCertificate: { type: 'string', title: 'Trusted certificate', contentMediaType: 'application/x-pem-file' } },
    };
    const form = renderForm(schema);
    const field = screen.getByLabelText('Trusted certificate');
    expect(field.tagName).toBe('TEXTAREA');
    await user.click(field);
    await user.paste('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----');
    expect(form.settings().trustedCertificate).toBe('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----');
  });

  it('gives number fields the schema minimum and maximum', () => {
    renderForm(ldapSchema);
    const pageSize = screen.getByLabelText('Page size');
    expect(pageSize).toHaveAttribute('type', 'number');
    expect(pageSize).toHaveAttribute('min', '1');
    expect(pageSize).toHaveAttribute('max', '5000');
  });

  it('sends a checked checkbox as true and the chosen enum value', async () => {
    const user = userEvent.setup();
    const form = renderForm(ldapSchema);
    await user.click(screen.getByLabelText('Allow plaintext connections'));
    await user.selectOptions(screen.getByLabelText('Connection security'), 'none');
    expect(form.settings()).toMatchObject({ allowPlaintext: true, security: 'none' });
  });

  it('shows the schema description as help text linked to the field', () => {
    renderForm(ldapSchema);
    expect(screen.getByLabelText('Allow plaintext connections')).toHaveAccessibleDescription('Only for test servers.');
  });

  it('shows a stored secret as stored and leaves it out of the settings when left empty', () => {
    const form = renderForm(ldapSchema, { settings: { bindDn: 'cn=admin' }, secretsSet: ['bindPassword'] });
    expect(screen.getByLabelText('Bind password')).toHaveAttribute('placeholder', STORED_SECRET_PLACEHOLDER);
    expect(screen.getByLabelText('Bind password')).not.toHaveAttribute('aria-required');
    expect(form.settings()).not.toHaveProperty('bindPassword');
    expect(form.settings().bindDn).toBe('cn=admin');
  });

  it('sends a newly typed secret', async () => {
    const user = userEvent.setup();
    const form = renderForm(ldapSchema, { secretsSet: ['bindPassword'] });
    await user.type(screen.getByLabelText('Bind password'), 's3cret!');
    expect(form.settings().bindPassword).toBe('s3cret!');
  });

  it('shows an error message next to the field it belongs to', () => {
    renderForm(ldapSchema, { errors: { urls: 'must have at least 1 item' } });
    const urls = screen.getByLabelText('Server URLs');
    expect(urls).toHaveAttribute('aria-invalid', 'true');
    expect(urls).toHaveAccessibleDescription(expect.stringContaining('must have at least 1 item'));
    expect(screen.getByTestId('setting-urls-error')).toHaveTextContent('must have at least 1 item');
  });

  it('labels a property without a title from its name', () => {
    renderForm({ type: 'object', properties: { userBaseDn: { type: 'string' } } });
    expect(screen.getByLabelText('User base dn')).toBeInTheDocument();
  });

  it('renders nested object properties as a group of fields', () => {
    const form = renderForm({
      type: 'object',
      properties: {
        tls: {
          type: 'object',
          title: 'TLS',
          properties: { verifyHostname: { type: 'boolean', title: 'Verify host name', default: true } },
        },
      },
    });
    expect(screen.getByRole('group', { name: 'TLS' })).toBeInTheDocument();
    expect(screen.getByLabelText('Verify host name')).toBeChecked();
    expect(form.settings()).toEqual({ tls: { verifyHostname: true } });
  });

  it('offers oneOf constants as a select with their titles', () => {
    renderForm({
      type: 'object',
      properties: {
        mode: { oneOf: [{ const: 'full', title: 'Full import' }, { const: 'delta', title: 'Changes only' }] },
      },
    });
    const select = screen.getByLabelText('Mode') as HTMLSelectElement;
    expect(Array.from(select.options).map((o) => o.textContent)).toEqual(['— not set —', 'Full import', 'Changes only']);
  });
});

describe('validateValues', () => {
  it('reports missing required fields, but not a secret the hub already stores', () => {
    const values = initialValues(ldapSchema);
    expect(validateValues(ldapSchema, values)).toEqual({
      urls: 'Enter at least one value',
      bindDn: 'Required',
      bindPassword: 'Required',
      userBaseDn: 'Required',
    });
    expect(validateValues(ldapSchema, values, ['bindPassword'])).not.toHaveProperty('bindPassword');
  });

  it('reports numbers outside the schema range and non-whole integers', () => {
    const values = { ...initialValues(ldapSchema), pageSize: '0', connectTimeoutSeconds: 'abc' };
    const errors = validateValues(ldapSchema, values);
    expect(errors.pageSize).toBe('Must be at least 1');
    expect(errors.connectTimeoutSeconds).toBe('Enter a number');
    expect(validateValues(ldapSchema, { ...values, pageSize: '2.5' }).pageSize).toBe('Enter a whole number');
  });
});
