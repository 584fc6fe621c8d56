/**
 * Imported first by main.tsx, so this runs before the rest of the page's first script is
 * evaluated: the first screen's reads (store/first-load.ts) and the app's code (the grids and the
 * screens, a chunk of their own) are asked for at once and in parallel, instead of one after the
 * other once React has mounted. A report printed alone (#/report?…) needs neither.
 */
import { parseReportHash } from './features/reports/report-route';
import { startFirstLoad } from './store/first-load';

/** The app's code with the grid modules registered: what main.tsx's lazy App waits for. */
export function loadAppCode() {
  return Promise.all([import('./components/grid-setup'), import('./App')]).then(
    ([{ registerGridModules }, { App }]) => {
      registerGridModules();
      return { default: App };
    },
  );
}

/** The app's code asked for at start, or null on a report page (main.tsx loads it when needed). */
export const appCodeAtStart = parseReportHash(window.location.hash) ? null : loadAppCode();

if (appCodeAtStart) startFirstLoad(appCodeAtStart);
