import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { registerGridModules } from './components/grid-setup';
import { initI18n } from './i18n';
import { useStore } from './store';
import { applyTheme } from './store/ui-slice';
import { ReportPage } from './features/reports/ReportPage';
import { parseReportHash } from './features/reports/report-route';
import './styles.css';

initI18n();
registerGridModules();

const root = createRoot(document.getElementById('root') as HTMLElement);

/** #/report?… is a printed report alone on the page (printed through the bridge); else the app. */
function render() {
  const report = parseReportHash(window.location.hash);
  if (report) {
    root.render(
      <StrictMode>
        <ReportPage key={window.location.hash} request={report} />
      </StrictMode>,
    );
    return;
  }
  applyTheme(useStore.getState().theme);
  root.render(
    <StrictMode>
      <App />
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
