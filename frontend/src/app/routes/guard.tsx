import type { ReactNode } from 'react';

import { RequirePermission } from '@/features/auth/components/require-permission';
import type { Requirement } from '@/lib/authorization';

import { Forbidden } from './forbidden';

/** The page for whoever holds the permission-matrix requirement, "No access" for the rest. */
export function guard(requires: Requirement, element: ReactNode) {
  return (
    <RequirePermission requires={requires} fallback={<Forbidden />}>
      {element}
    </RequirePermission>
  );
}
