import type { Role } from '@/config/roles';
import { useSessionStore } from '@/features/auth/stores/session-store';
import { hasAnyRole } from '@/lib/authorization';

/** Whether the signed-in person holds one of these roles. */
export function useCan(roles: readonly Role[]): boolean {
  const userRoles = useSessionStore((state) => state.user?.roles);
  return hasAnyRole(userRoles ?? [], roles);
}
