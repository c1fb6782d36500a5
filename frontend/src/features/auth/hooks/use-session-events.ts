import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { ME_QUERY_KEY } from '../api/get-me';
import { clearLocalSession } from '../api/logout';
import { subscribeToSessionEvents } from '../session-channel';

/**
 * Follows what other tabs do: when one signs out, this one forgets the user and calls
 * onSignedOut (the app sends the person to sign in); when one signs in, this one re-checks.
 */
export function useSessionEvents(onSignedOut: () => void): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      subscribeToSessionEvents((event) => {
        if (event === 'signed-out') {
          clearLocalSession(queryClient);
          onSignedOut();
        } else {
          void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
        }
      }),
    [queryClient, onSignedOut],
  );
}
