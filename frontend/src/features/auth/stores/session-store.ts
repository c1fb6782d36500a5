import { create } from 'zustand';

import type { User } from '@/api/models';

export type SessionStatus = 'unknown' | 'authenticated' | 'anonymous';

interface SessionState {
  /** unknown until /auth/me/ has answered once. */
  status: SessionStatus;
  user: User | null;
  /**
   * Where the route guard sends a signed-out person. Set by whoever ended the session, since
   * they know why: /login after signing out, /login?next=<page> when the session expired.
   */
  redirectTo: string | null;
  setUser: (user: User) => void;
  clear: (redirectTo?: string) => void;
}

/**
 * Who is signed in, in memory only: the session itself lives in HttpOnly cookies, and nothing
 * about it is written to localStorage.
 */
export const useSessionStore = create<SessionState>()((set) => ({
  status: 'unknown',
  user: null,
  redirectTo: null,
  setUser: (user) => set({ status: 'authenticated', user, redirectTo: null }),
  clear: (redirectTo) =>
    set((state) => ({ status: 'anonymous', user: null, redirectTo: redirectTo ?? state.redirectTo })),
}));
