import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type ThemePreference = 'light' | 'dark' | 'system';

interface ThemeState {
  preference: ThemePreference;
  setPreference: (preference: ThemePreference) => void;
}

/** Only the look is persisted; nothing about the session ever goes to localStorage. */
export const useThemeStore = create<ThemeState>()(
  persist(
    (set) => ({
      preference: 'system',
      setPreference: (preference) => set({ preference }),
    }),
    { name: 'procura-theme' },
  ),
);

function prefersDark(): boolean {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches === true;
}

export function resolvedTheme(preference: ThemePreference): 'light' | 'dark' {
  if (preference === 'system') return prefersDark() ? 'dark' : 'light';
  return preference;
}

export function applyTheme(preference: ThemePreference): void {
  document.documentElement.classList.toggle('dark', resolvedTheme(preference) === 'dark');
}

/** Keeps <html class="dark"> in step with the stored preference and the OS setting. */
export function startThemeSync(): () => void {
  applyTheme(useThemeStore.getState().preference);
  const unsubscribe = useThemeStore.subscribe((state) => applyTheme(state.preference));
  const media = window.matchMedia?.('(prefers-color-scheme: dark)');
  const onChange = () => applyTheme(useThemeStore.getState().preference);
  media?.addEventListener('change', onChange);
  return () => {
    unsubscribe();
    media?.removeEventListener('change', onChange);
  };
}
