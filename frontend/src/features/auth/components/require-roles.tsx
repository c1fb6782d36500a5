import type { ReactNode } from 'react';

import type { Role } from '@/config/roles';
import { hasAnyRole } from '@/lib/authorization';

import { useSessionStore } from '../stores/session-store';

interface RequireRolesProps {
  roles: readonly Role[];
  children: ReactNode;
  /** What to show people without any of the roles. */
  fallback: ReactNode;
}

export function RequireRoles({ roles, children, fallback }: RequireRolesProps) {
  const userRoles = useSessionStore((state) => state.user?.roles ?? []);
  return hasAnyRole(userRoles, roles) ? children : fallback;
}
