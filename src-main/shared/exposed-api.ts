import type { Result } from './errors';
import type { AppEvent } from './events';
import type { PrintRequest } from './print';

/** What the preload exposes as `window.api` (and nothing more). */
export interface ExposedApi {
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
  /**
   * Calls back with each event the main process sends by itself (a file opened from the OS, a
   * menu command, export progress, a restore); returns the unsubscribe. Events sent before the
   * first subscription are kept for it.
   */
  onEvent(callback: (event: AppEvent) => void): () => void;
  /** Prints the window (the report of the print preview) to a PDF saved where the user chooses. */
  printToPdf(request: PrintRequest): Promise<Result<{ path: string | null }>>;
}

/** IPC channel name for a contract channel (namespaced so nothing else collides with ours). */
export function ipcChannelName(channel: string): string {
  return `api:${channel}`;
}
