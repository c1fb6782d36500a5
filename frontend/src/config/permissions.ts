import type { Role } from './roles';

/*
 * Who may do what, mirroring the server's role checks (admin passes every check there too).
 * The server enforces these; the app uses them to hide what would answer 403.
 */
export const CATALOG_EDITORS: readonly Role[] = ['procurement', 'admin'];
export const INVENTORY_READERS: readonly Role[] = ['warehouse', 'procurement', 'sales', 'finance', 'auditor', 'admin'];
export const STOCK_MOVERS: readonly Role[] = ['warehouse', 'admin'];
export const PARTNER_EDITORS: readonly Role[] = ['procurement', 'sales', 'admin'];
export const USER_ADMINS: readonly Role[] = ['admin'];
export const AUDIT_READERS: readonly Role[] = ['admin', 'auditor'];
