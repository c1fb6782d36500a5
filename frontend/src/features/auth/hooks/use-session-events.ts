import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { ME_QUERY_KEY } from '../api/get-me';
import { clearLocalSession } from '../api/logout';
import { subscribeToSessionEvents } from '../session-channel';

/**
 * Follows what other tabs do: when one signs out, this one forgets the user too (the route
 * guard then sends the person to signInPath()); when one signs in, this one re-checks.
 */
export function useSessionEvents(signInPath: () => string): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      subscribeToSessionEvents((event) => {
        if (event === 'signed-out') {
          clearLocalSession(queryClient, signInPath());
        } else {
          void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
        }
      }),
    [queryClient, signInPath],
  );
}
