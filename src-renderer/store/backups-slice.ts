import type { StateCreator } from 'zustand';
import type { AppState } from './index';

/** The 备份与恢复 screen (shown in place of the project page) and what a restore asks of the rest. */
export interface BackupsSlice {
  backupsOpen: boolean;
  openBackups(): void;
  closeBackups(): void;
  /** After a restore: the project list and the open project are read again from the restored data. */
  reloadAfterRestore(): Promise<void>;
}

export const backupsSlice: StateCreator<AppState, [], [], BackupsSlice> = (set, get) => ({
  backupsOpen: false,
  openBackups() {
    set({ backupsOpen: true });
  },
  closeBackups() {
    set({ backupsOpen: false });
  },
  async reloadAfterRestore() {
    // Without a plan, loading the list opens the remembered project again (or the first one).
    set({ plan: null, notice: null });
    await get().loadProjects();
  },
});
