import { create } from 'zustand';

import type { User } from '@/api/models';

export type SessionStatus = 'unknown' | 'authenticated' | 'anonymous';

interface SessionState {
  /** unknown until /auth/me/ has answered once. */
  status: SessionStatus;
  user: User | null;
  setUser: (user: User) => void;
  clear: () => void;
}

/**
 * Who is signed in, in memory only: the session itself lives in HttpOnly cookies, and nothing
 * about it is written to localStorage.
 */
export const useSessionStore = create<SessionState>()((set) => ({
  status: 'unknown',
  user: null,
  setUser: (user) => set({ status: 'authenticated', user }),
  clear: () => set({ status: 'anonymous', user: null }),
}));
