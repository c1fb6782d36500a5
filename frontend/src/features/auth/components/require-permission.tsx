import type { ReactNode } from 'react';

import { useCan } from '../hooks/use-grants';
import type { Requirement } from '@/lib/authorization';

interface RequirePermissionProps {
  /** An action of the server's permission matrix, or a test of the person's grants. */
  requires: Requirement;
  children: ReactNode;
  /** What to show people who do not hold it. */
  fallback: ReactNode;
}

export function RequirePermission({ requires, children, fallback }: RequirePermissionProps) {
  return useCan(requires) ? children : fallback;
}
