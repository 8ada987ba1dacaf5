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

/** A labelled form field with its error or help; `required` adds the mark (the setup page's markup). */
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

interface InputOptions {
  required?: boolean;
  /** The field shows help: the input is described by it (`<id>-help`) while there is no error. */
  help?: boolean;
  /** The id of what describes the input while there is no error, in place of the field's help. */
  describedBy?: string;
}

/** The input's id, test id and accessibility attributes for a {@link FormField}. */
export function fieldInputProps(id: string, error: string | undefined, options: InputOptions = {}) {
  const description = options.describedBy ?? (options.help ? `${id}-help` : undefined);
  return {
    id,
    'data-testid': id,
    required: options.required || undefined,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : description,
  } as const;
}
