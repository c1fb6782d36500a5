import type { Role } from '@/config/roles';

// Mirrors the server: every staff member may ask for something; buyers order; finance pays.
export const REQUEST_WRITERS: readonly Role[] = ['requester', 'approver', 'procurement', 'finance', 'warehouse', 'sales', 'admin'];
export const ORDER_WRITERS: readonly Role[] = ['procurement', 'admin'];
export const RECEIVERS: readonly Role[] = ['warehouse', 'procurement', 'admin'];
export const PAYABLES_WRITERS: readonly Role[] = ['finance', 'admin'];

export const primaryLinkClass =
  'inline-flex h-10 items-center rounded-md bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800 dark:bg-brand-600 dark:hover:bg-brand-700';
export const backLinkClass = 'text-sm text-brand-700 underline-offset-2 hover:underline dark:text-brand-500';
