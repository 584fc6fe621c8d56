/**
 * Events from the app's shell (Electron main process): a file opened by double-click or a second
 * launch (already read; a token for its preview), a file the shell could not read, and menu
 * items. In a plain browser (the bridge) there is no shell and nothing to listen to.
 */
import { useEffect } from 'react';
import { useProjectFile } from './project-file-store';

export function useShellEvents(onBackups?: () => void, onPrint?: () => void): void {
  useEffect(() => {
    const api = window.api;
    if (!api?.onShellEvent) return;
    return api.onShellEvent((event) => {
      const files = useProjectFile.getState();
      if (event.type === 'file-opened') void files.openToken(event.token);
      else if (event.type === 'file-error') files.fail(event.error);
      else if (event.action === 'open-file') files.requestPick();
      else if (event.action === 'export-file') files.requestExport();
      else if (event.action === 'backups') onBackups?.();
      else if (event.action === 'print') onPrint?.();
    });
  }, [onBackups, onPrint]);
}
