import type { Result } from './errors';
import type { ShellEvent } from './shell-events';

/** What the preload exposes as `window.api` (and nothing more). */
export interface ExposedApi {
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
  /**
   * Calls back with each event the main process sends by itself (a file opened from the OS, a
   * menu command); returns the unsubscribe. Events sent before the first subscription are kept
   * for it.
   */
  onShellEvent(callback: (event: ShellEvent) => void): () => void;
}

/** IPC channel name for a contract channel (namespaced so nothing else collides with ours). */
export function ipcChannelName(channel: string): string {
  return `api:${channel}`;
}
