import { isRole, type Role } from '@/config/roles';

/** Unknown role names from the server are ignored rather than trusted. */
export function knownRoles(roles: readonly string[]): Role[] {
  return roles.filter(isRole);
}

export function hasAnyRole(userRoles: readonly string[], allowed: readonly Role[]): boolean {
  return userRoles.some((role) => isRole(role) && allowed.includes(role));
}

/** The object rule an action is held with (all, own, department, assigned, own_customer). */
export type Scope = 'all' | 'own' | 'department' | 'assigned' | 'own_customer';

/**
 * What the signed-in person may do, as the server's permission matrix says (`/auth/me/`):
 * each action they hold with its object rule. Every menu entry, route guard and button asks it.
 */
export interface Grants {
  permissions: readonly string[];
  scopes: Readonly<Record<string, string>>;
}

/** An action of the matrix, or a test of the grants (any of several actions, a scope...). */
export type Requirement = string | readonly string[] | ((grants: Grants) => boolean);

export function holds(grants: Grants, requirement: Requirement): boolean {
  if (typeof requirement === 'function') return requirement(grants);
  const actions = typeof requirement === 'string' ? [requirement] : requirement;
  return actions.some((action) => grants.permissions.includes(action));
}

/** Holds `action` with exactly the object rule `scope` (a portal customer's own orders). */
export function holdsWithScope(action: string, scope: Scope): (grants: Grants) => boolean {
  return (grants) => grants.scopes[action] === scope;
}

/** Holds `action` over every object of its resource (staff, not a portal customer). */
export function holdsForAll(action: string): (grants: Grants) => boolean {
  return holdsWithScope(action, 'all');
}

export const NO_GRANTS: Grants = { permissions: [], scopes: {} };
