import { isRole, type Role } from '@/config/roles';

/** Unknown role names from the server are ignored rather than trusted. */
export function knownRoles(roles: readonly string[]): Role[] {
  return roles.filter(isRole);
}

export function hasAnyRole(userRoles: readonly string[], allowed: readonly Role[]): boolean {
  return userRoles.some((role) => isRole(role) && allowed.includes(role));
}
