import { lazy, Suspense, useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NoticeBar } from './components/NoticeBar';
import { describeError } from './i18n/describe-error';
import { LANGUAGES, setLanguage, type Language } from './i18n';
import { ProjectPage } from './features/project/ProjectPage';
import { ProjectSidebar } from './features/projects/ProjectSidebar';
import { FilePreviewDialog } from './features/project-file/FilePreviewDialog';
import { ProjectFileDropZone } from './features/project-file/OpenProjectFile';
import { useShellEvents } from './features/project-file/shell-events';
import { useStore } from './store';
import type { ThemeChoice } from './store/ui-slice';

// The styles of the pages and tabs loaded later stay with the app's first styles, as they were
// when their code came with it: some of their rules reach shared elements (the toolbars, the side
// bar's buttons), which must look the same before and after those pages are first opened.
import './features/backups/backups.css';
import './features/lessons/lessons.css';
import './features/feedback/follow-up.css';
import './features/reports/preview.css';
import './features/reports/report.css';
import 'react-day-picker/style.css';

// Pages opened from the side bar and the print preview (with the report's charts) load when first
// opened: Table 2, where the app opens, does not wait for their code.
const BackupsPage = lazy(() =>
  import('./features/backups/BackupsPage').then((m) => ({ default: m.BackupsPage })),
);
const LessonsLibrary = lazy(() =>
  import('./features/lessons/LessonsLibrary').then((m) => ({ default: m.LessonsLibrary })),
);
const PrintPreview = lazy(() =>
  import('./features/reports/PrintPreview').then((m) => ({ default: m.PrintPreview })),
);

export function App() {
  const { t, i18n } = useTranslation();
  const loadProjects = useStore((s) => s.loadProjects);
  const loaded = useStore((s) => s.projectsLoaded);
  const fatal = useStore((s) => s.fatal);
  // The open plan's id only: the plan itself changes with every edit, and the project page reads
  // it (the sidebar, dialogs and menus here need not render again for a cell of Table 2).
  const openId = useStore((s) => s.plan?.project.id ?? null);
  const selectedId = useStore((s) => s.selectedId);
  const theme = useStore((s) => s.theme);
  const setTheme = useStore((s) => s.setTheme);
  const backupsOpen = useStore((s) => s.backupsOpen);
  const openBackups = useStore((s) => s.openBackups);
  const libraryOpen = useStore((s) => s.libraryOpen);
  const openLibrary = useStore((s) => s.openLibrary);
  const closeLibrary = useStore((s) => s.closeLibrary);
  const closeBackups = useStore((s) => s.closeBackups);
  const preview = useStore((s) => s.preview);
  const previewAdjustmentId = useStore((s) => s.previewAdjustmentId);
  const openPreview = useStore((s) => s.openPreview);
  const showBackups = useCallback(() => {
    closeLibrary();
    openBackups();
  }, [closeLibrary, openBackups]);
  const showPreview = useCallback(() => {
    if (useStore.getState().plan) openPreview('retro');
  }, [openPreview]);

  useEffect(() => {
    void loadProjects();
  }, [loadProjects]);
  useShellEvents(showBackups, showPreview);
  // Ctrl/Cmd+P opens the print preview of the open project (not the browser's print of the app).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        showPreview();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [showPreview]);
  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  if (fatal) {
    return (
      <div className="fatal" role="alert" data-testid="fatal">
        <h1>{t('errors.dbTitle')}</h1>
        <p>{describeError(t, { ...fatal, reason: undefined })}</p>
      </div>
    );
  }

  return (
    <div className="app">
      <aside className="side">
        <div className="brand">{t('app.name')}</div>
        <ProjectSidebar />
        <div className="side-footer">
          <button
            className="block subtle backups-open"
            data-testid="open-library"
            aria-pressed={libraryOpen}
            onClick={() => {
              closeBackups();
              openLibrary();
            }}
          >
            {t('library.open')}
          </button>
          <button
            className="block subtle backups-open"
            data-testid="open-backups"
            aria-pressed={backupsOpen}
            onClick={showBackups}
          >
            {t('backups.open')}
          </button>
          <label>
            {t('app.theme')}
            <select value={theme} onChange={(e) => setTheme(e.target.value as ThemeChoice)}>
              <option value="system">{t('app.themeSystem')}</option>
              <option value="light">{t('app.themeLight')}</option>
              <option value="dark">{t('app.themeDark')}</option>
            </select>
          </label>
          <label>
            {t('app.language')}
            <select value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)}>
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {i18n.getFixedT(l)('app.languageName')}
                </option>
              ))}
            </select>
          </label>
        </div>
      </aside>
      <div className="content">
        <NoticeBar />
        <FilePreviewDialog />
        <ProjectFileDropZone />
        {libraryOpen ? (
          <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
            <LessonsLibrary />
          </Suspense>
        ) : backupsOpen ? (
          <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
            <BackupsPage />
          </Suspense>
        ) : openId && openId === selectedId ? (
          <OpenProjectPage key={openId} />
        ) : (
          <div className="empty-state">
            <p>{loaded ? t('app.pickProject') : t('app.loading')}</p>
          </div>
        )}
        {preview && openId && openId === selectedId && (
          <Suspense fallback={null}>
            <PrintPreview
              key={`${openId}-${previewAdjustmentId ?? ''}`}
              projectId={openId}
              kind={preview}
              adjustmentId={previewAdjustmentId}
            />
          </Suspense>
        )}
      </div>
    </div>
  );
}

/** The project page of the open plan, rendered again when the plan changes (App is not). */
function OpenProjectPage() {
  const plan = useStore((s) => s.plan);
  return plan ? <ProjectPage plan={plan} /> : null;
}
