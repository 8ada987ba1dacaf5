interface FieldProps {
  id: string;
  label: string;
  required?: boolean;
  error?: string;
  /** Shown under the input while there is no error; the input points to it as its description. */
  help?: React.ReactNode;
  className?: string;
  children: React.ReactNode;
}

/** A labelled form field with its error or help (the markup of the setup and admin forms). */
export function FormField({ id, label, required, error, help, className, children }: FieldProps) {
  return (
    <div className={`form-field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <span className="label-row">
        <label htmlFor={id}>{label}</label>
        {required && (
          <span className="required-mark" aria-hidden="true">
            *
          </span>
        )}
      </span>
      {children}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {help && !error && (
        <div className="field-help" id={`${id}-help`}>
          {help}
        </div>
      )}
    </div>
  );
}

/** The input's id, test id and accessibility attributes for a {@link FormField}. */
export function fieldInputProps(id: string, error: string | undefined, options: { required?: boolean; help?: boolean } = {}) {
  return {
    id,
    'data-testid': id,
    required: options.required || undefined,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : options.help ? `${id}-help` : undefined,
  } as const;
}
