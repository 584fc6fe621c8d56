/**
 * The open → preview → write flow of a project file, shared by everything that can start it:
 * the sidebar button, a file dropped on the window, the menu and a double-click in the OS
 * (the shell reads the file and hands over a token). Nothing is written before `write`.
 */
import { create } from 'zustand';
import type { AppErrorData } from '../../../src-main/shared/errors';
import { displayFileName } from '../../../src-main/shared/file-names';
// The main process refuses larger files; saying so here saves sending them.
import {
  PROJECT_FILE_MAX_BYTES,
  type FilePreview,
  type MergeSummary,
} from '../../../src-main/shared/project-file-contract';
import { call, errorData } from '../../api/client';
import { fileToBase64 } from '../sheets/sheet-files';
import { useStore } from '../../store';

export const PROJECT_FILE_EXTENSION = '.ctproj';

export type Resolution = 'mine' | 'theirs';

interface Done {
  projectName: string;
  mode: 'new' | 'copy' | 'merge';
  merge: MergeSummary | null;
}

interface ProjectFileState {
  /** Shown as a dialog while set: reading, the preview, an error or the result. */
  fileName: string | null;
  busy: 'reading' | 'writing' | null;
  preview: FilePreview | null;
  error: AppErrorData | null;
  done: Done | null;
  /** Bumped to ask the open button for the system's file chooser (menu item, shortcut). */
  pickRequests: number;
  /** Bumped to ask the project header for the export dialog (menu item). */
  exportRequests: number;
  openFile(file: File): Promise<void>;
  openToken(token: string): Promise<void>;
  fail(error: AppErrorData): void;
  write(
    mode: 'new' | 'copy' | 'merge',
    options?: { name?: string; resolutions?: Record<string, Resolution> },
  ): Promise<void>;
  close(): void;
  requestPick(): void;
  requestExport(): void;
}

const initial = { fileName: null, busy: null, preview: null, error: null, done: null };

export const useProjectFile = create<ProjectFileState>()((set, get) => ({
  ...initial,
  pickRequests: 0,
  exportRequests: 0,

  async openFile(file) {
    set({ ...initial, fileName: displayFileName(file.name), busy: 'reading' });
    if (file.size > PROJECT_FILE_MAX_BYTES) {
      set({
        busy: null,
        error: { code: 'file_refused', reason: 'too_large', params: { limit: PROJECT_FILE_MAX_BYTES } },
      });
      return;
    }
    try {
      const preview = await call('projectFile.open', {
        fileName: file.name,
        base64: await fileToBase64(file),
      });
      set({ busy: null, preview });
    } catch (e) {
      set({ busy: null, error: errorData(e) });
    }
  },

  async openToken(token) {
    set({ ...initial, fileName: '', busy: 'reading' });
    try {
      const preview = await call('projectFile.preview', { token });
      set({ busy: null, preview });
    } catch (e) {
      set({ busy: null, error: errorData(e) });
    }
  },

  fail(error) {
    set({ ...initial, fileName: '', error });
  },

  async write(mode, options = {}) {
    const preview = get().preview;
    if (!preview) return;
    set({ busy: 'writing', error: null });
    try {
      const written = await call('projectFile.import', { token: preview.token, mode, ...options });
      const app = useStore.getState();
      await app.loadProjects();
      app.selectProject(written.projectId);
      if (mode === 'merge') {
        // The merge is one undo step of the project; its plan and history are read again.
        await app.loadPlan(written.projectId);
      }
      set({
        busy: null,
        preview: null,
        done: { projectName: options.name ?? preview.summary.projectName, mode, merge: written.merge },
      });
    } catch (e) {
      set({ busy: null, error: errorData(e) });
    }
  },

  close() {
    const token = get().preview?.token;
    if (token) void call('projectFile.discard', { token }).catch(() => undefined);
    set({ ...initial });
  },

  requestPick() {
    set((s) => ({ pickRequests: s.pickRequests + 1 }));
  },
  requestExport() {
    set((s) => ({ exportRequests: s.exportRequests + 1 }));
  },
}));

export function isProjectFileName(name: string): boolean {
  return name.toLowerCase().endsWith(PROJECT_FILE_EXTENSION);
}
