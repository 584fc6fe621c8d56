import type { StateCreator } from 'zustand';
import type { AppErrorData } from '../../src-main/shared/errors';
import type { AppState } from './index';
import type { ReportKind } from './report-kinds';

export type ThemeChoice = 'system' | 'light' | 'dark';

/** The kinds of record a refusal can be about (their fields are worded under fields.<entity>). */
export type NoticeEntity =
  'task' | 'module' | 'project' | 'person' | 'issue' | 'feedback' | 'cause' | 'adjustment' | 'settings';

/** A refused write or failed action, shown in the banner until dismissed or superseded. */
export interface Notice {
  error: AppErrorData;
  /** What it was about, e.g. { entity: 'task', label: 'M003' }. */
  entity?: NoticeEntity;
  label?: string;
}

export const PROJECT_TABS = [
  'overview',
  'goalTeam',
  'tracking',
  'tasks',
  'metrics',
  'feedback',
  'adjustments',
  'retrospective',
] as const;
export type ProjectTab = (typeof PROJECT_TABS)[number];
/** Tabs that show the metrics data (metrics, values, periods, spend, check-ins). */
export const METRICS_TABS: readonly ProjectTab[] = [
  'overview',
  'metrics',
  'tracking',
  'feedback',
  'adjustments',
];
/** Tabs that show the dashboard. */
export const DASHBOARD_TABS: readonly ProjectTab[] = ['overview'];
/** Tabs that show steps 四/五 (or their counts): they read them again each time they open. */
export const FOLLOW_UP_TABS: readonly ProjectTab[] = ['overview', 'tracking', 'feedback', 'adjustments'];
const TAB_KEY = 'project-tab';

export interface UiSlice {
  theme: ThemeChoice;
  notice: Notice | null;
  /** The project page's tab, and a row to bring into view there (from an attention item). */
  tab: ProjectTab;
  focusRowId: string | null;
  /** The print preview of the open project (its report kind), or null when closed. */
  preview: ReportKind | null;
  /** The adjustment whose approval form the preview shows (kind 'approval'). */
  previewAdjustmentId: string | null;
  /** The lessons library in place of the project page. */
  libraryOpen: boolean;
  openPreview(kind: ReportKind, adjustmentId?: string): void;
  closePreview(): void;
  openLibrary(): void;
  closeLibrary(): void;
  setTheme(theme: ThemeChoice): void;
  showNotice(notice: Notice | null): void;
  openTab(tab: ProjectTab, focusRowId?: string): void;
}

// ---- selectors ----
export const selectTab = (s: AppState): ProjectTab => s.tab;
export const selectNotice = (s: AppState): Notice | null => s.notice;
export const selectTheme = (s: AppState): ThemeChoice => s.theme;

function readTab(): ProjectTab {
  const saved = sessionStorage.getItem(TAB_KEY);
  return (PROJECT_TABS as readonly string[]).includes(saved ?? '') ? (saved as ProjectTab) : 'overview';
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
  tab: readTab(),
  focusRowId: null,
  preview: null,
  previewAdjustmentId: null,
  libraryOpen: false,
  openPreview(kind, adjustmentId) {
    set({ preview: kind, previewAdjustmentId: adjustmentId ?? null });
  },
  closePreview() {
    set({ preview: null, previewAdjustmentId: null });
  },
  openLibrary() {
    set({ libraryOpen: true, preview: null });
  },
  closeLibrary() {
    set({ libraryOpen: false });
  },
  openTab(tab, focusRowId) {
    sessionStorage.setItem(TAB_KEY, tab);
    set({ tab, focusRowId: focusRowId ?? null });
  },
  setTheme(theme) {
    localStorage.setItem(THEME_KEY, theme);
    applyTheme(theme);
    set({ theme });
  },
  showNotice(notice) {
    set({ notice });
  },
});
