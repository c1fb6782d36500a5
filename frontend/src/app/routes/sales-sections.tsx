import type { RouteObject } from 'react-router';

/** The order-to-cash sections, keyed by their navigation entry (lazy pages only). */
export const SALES_SECTIONS: Record<string, Omit<RouteObject, 'path'>> = {};
