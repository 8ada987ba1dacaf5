export interface FilterOption {
  value: string;
  label: string;
}

interface Props {
  /** The select's id and test id. */
  id: string;
  label: string;
  value: string;
  options: readonly FilterOption[];
  onChange: (value: string) => void;
}

/** One labelled choice among the filters above a list ("Status: All"). */
export function FilterSelect({ id, label, value, options, onChange }: Props) {
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} data-testid={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
