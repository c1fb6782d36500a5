import type { components } from '@/api/schema';

/** The roles the server knows, straight from the OpenAPI schema. */
export type Role = components['schemas']['RoleEnum'];

// A Record over the schema's enum: a role added on the server fails the type check here until
// it has a label (and so a place in the list below).
export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  procurement: 'Buyer',
  approver: 'Approver',
  requester: 'Requester',
  finance: 'Finance',
  warehouse: 'Warehouse',
  sales: 'Sales',
  auditor: 'Auditor',
  customer: 'Customer',
};

export const ROLES = Object.keys(ROLE_LABELS) as readonly Role[];

export function isRole(value: string): value is Role {
  return Object.hasOwn(ROLE_LABELS, value);
}

export const STAFF_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'customer');
