import type { StateCreator } from 'zustand';
import type { AppErrorData } from '../../src-main/shared/errors';
import type { AppState } from './index';

export type ThemeChoice = 'system' | 'light' | 'dark';

/** A refused write or failed action, shown in the banner until dismissed or superseded. */
export interface Notice {
  error: AppErrorData;
  /** What it was about, e.g. { entity: 'task', label: 'M003' }. */
  entity?: 'task' | 'module' | 'project' | 'person';
  label?: string;
}

export interface UiSlice {
  theme: ThemeChoice;
  notice: Notice | null;
  setTheme(theme: ThemeChoice): void;
  showNotice(notice: Notice | null): void;
}

const THEME_KEY = 'theme';

function readTheme(): ThemeChoice {
  const saved = localStorage.getItem(THEME_KEY);
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

/** Light and dark come from one set of CSS variables; `data-theme` picks the set. */
export function applyTheme(theme: ThemeChoice): void {
  const dark =
    theme === 'dark' || (theme === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

export const uiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  theme: readTheme(),
  notice: null,
  setTheme(theme) {
    localStorage.setItem(THEME_KEY, theme);
    applyTheme(theme);
    set({ theme });
  },
  showNotice(notice) {
    set({ notice });
  },
});
