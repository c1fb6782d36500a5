import { holds, NO_GRANTS, type Grants, type Requirement } from '@/lib/authorization';

import { useSessionStore } from '../stores/session-store';

/** What the signed-in person may do, from the server's permission matrix (`/auth/me/`). */
export function useGrants(): Grants {
  const user = useSessionStore((state) => state.user);
  if (!user) return NO_GRANTS;
  return { permissions: user.permissions, scopes: user.permission_scopes };
}

/** Whether the signed-in person holds the action (or meets the requirement). */
export function useCan(requirement: Requirement): boolean {
  return holds(useGrants(), requirement);
}
