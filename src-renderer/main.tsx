// First: asks for the first screen's data and code before the rest of this script is evaluated.
import { appCodeAtStart, loadAppCode } from './start';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from './i18n';
import { useStore } from './store';
import { applyTheme } from './store/ui-slice';
import { parseReportHash } from './features/reports/report-route';
import './styles.css';

// A report printed alone loads the report's code only, not the grids of the app (and back).
const App = lazy(() => appCodeAtStart ?? loadAppCode());
const ReportPage = lazy(() =>
  import('./features/reports/ReportPage').then((m) => ({ default: m.ReportPage })),
);

initI18n();

const root = createRoot(document.getElementById('root') as HTMLElement);

/** #/report?… is a printed report alone on the page (printed through the bridge); else the app. */
function render() {
  const report = parseReportHash(window.location.hash);
  if (report) {
    root.render(
      <StrictMode>
        <Suspense fallback={null}>
          <ReportPage key={window.location.hash} request={report} />
        </Suspense>
      </StrictMode>,
    );
    return;
  }
  applyTheme(useStore.getState().theme);
  root.render(
    <StrictMode>
      <Suspense fallback={null}>
        <App />
      </Suspense>
    </StrictMode>,
  );
}

window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
  if (!parseReportHash(window.location.hash)) applyTheme(useStore.getState().theme);
});
window.addEventListener('hashchange', () => {
  delete document.body.dataset.reportReady;
  render();
});
render();
