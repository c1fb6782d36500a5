export const ROLES = [
  'admin',
  'procurement',
  'approver',
  'requester',
  'finance',
  'warehouse',
  'sales',
  'auditor',
  'customer',
] as const;

export type Role = (typeof ROLES)[number];

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

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export const STAFF_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'customer');
