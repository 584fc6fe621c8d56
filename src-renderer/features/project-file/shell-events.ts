/**
 * Events from the app's shell (Electron main process): a file opened by double-click or a second
 * launch (already read; a token for its preview), a file the shell could not read, and menu
 * items; and a finished restore of a backup. In a plain browser (the bridge) there is no shell
 * and nothing to listen to here; export progress is for the export dialog.
 */
import { useEffect } from 'react';
import { onEvent } from '../../api/client';
import { useStore } from '../../store';
import { useProjectFile } from './project-file-store';

export function useShellEvents(onBackups?: () => void, onPrint?: () => void): void {
  useEffect(() => {
    // Only a shell sends these; in a browser the bridge's stream is opened by what needs it.
    if (!window.api) return;
    return onEvent((event) => {
      const files = useProjectFile.getState();
      if (event.type === 'export-progress') return; // for the export dialog
      // The database was replaced (here or in another window): the sidebar is read again.
      if (event.type === 'backup-restored') return void useStore.getState().loadProjects();
      if (event.type === 'file-opened') void files.openToken(event.token);
      else if (event.type === 'file-error') files.fail(event.error);
      else if (event.action === 'open-file') files.requestPick();
      else if (event.action === 'export-file') files.requestExport();
      else if (event.action === 'backups') onBackups?.();
      else if (event.action === 'print') onPrint?.();
    });
  }, [onBackups, onPrint]);
}
