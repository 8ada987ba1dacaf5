/** The header of a table's last column, the row's buttons: named for screen readers only. */
export function ActionsColumnHeader() {
  return (
    <th scope="col" className="actions-col">
      <span className="sr-only">Actions</span>
    </th>
  );
}
