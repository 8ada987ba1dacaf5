import { Badge } from '../shared/Badge';

/** Active or disabled, as `user-status` with data-state `active` / `disabled`. */
export function UserStatusBadge({ active }: { active: boolean }) {
  return (
    <Badge tone={active ? 'success' : 'neutral'} testId="user-status" state={active ? 'active' : 'disabled'}>
      {active ? 'Active' : 'Disabled'}
    </Badge>
  );
}
