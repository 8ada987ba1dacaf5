import { useNavigate } from 'react-router';

type Props = Omit<React.ComponentProps<'tr'>, 'className' | 'onClick'> & {
  /** Where a click on the row (not on a link or button in it) goes. */
  to: string;
};

/** A table row that opens its record when clicked anywhere but on its own links and buttons. */
export function ClickableRow({ to, children, ...rest }: Props) {
  const navigate = useNavigate();
  return (
    <tr
      {...rest}
      className="clickable"
      onClick={(e) => {
        if ((e.target as HTMLElement).closest('a, button')) return;
        navigate(to);
      }}
    >
      {children}
    </tr>
  );
}
