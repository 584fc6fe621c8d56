import type { Result } from './errors';

/** What the preload exposes as `window.api` (and nothing more). */
export interface ExposedApi {
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
}

/** IPC channel name for a contract channel (namespaced so nothing else collides with ours). */
export function ipcChannelName(channel: string): string {
  return `api:${channel}`;
}
