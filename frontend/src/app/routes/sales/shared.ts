import type { Role } from '@/config/roles';

// Mirrors the server's per-action roles for sales.
export const ORDER_CREATORS: readonly Role[] = ['sales', 'admin'];
export const ORDER_CONFIRMERS: readonly Role[] = ['sales', 'finance', 'admin'];
export const SHIPPERS: readonly Role[] = ['warehouse', 'admin'];
export const INVOICERS: readonly Role[] = ['finance', 'admin'];
export const CREDIT_OVERRIDERS: readonly Role[] = ['finance', 'admin'];
export const STOCK_READERS: readonly Role[] = ['warehouse', 'procurement', 'sales', 'finance', 'auditor', 'admin'];

export const primaryLinkClass =
  'inline-flex h-10 items-center rounded-md bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800 dark:bg-brand-600 dark:hover:bg-brand-700';
export const backLinkClass = 'text-sm text-brand-700 underline-offset-2 hover:underline dark:text-brand-500';
