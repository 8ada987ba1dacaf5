import { FiltersForm } from './FiltersForm';

interface Props {
  /** The search landmark's name ("Find users"). */
  label: string;
  /** The search box's id and test id. */
  id: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  /** Further filters after the search box. */
  children?: React.ReactNode;
}

/** The search box above a list; the list follows as the text changes (there is nothing to submit). */
export function SearchForm({ label, id, placeholder, value, onChange, children }: Props) {
  return (
    <FiltersForm label={label}>
      <div className="form-field search-field">
        <label htmlFor={id}>Search</label>
        <input
          id={id}
          data-testid={id}
          type="search"
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
          placeholder={placeholder}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      </div>
      {children}
    </FiltersForm>
  );
}
