/**
 * What the main process tells the page on its own initiative, not as the answer to a call (as
 * VS Code's IChannel.listen beside its calls): what the shell saw (a project file opened from the
 * operating system, a menu command, see shell-events.ts), how far a project-file export is, and
 * a finished restore of a backup. Electron sends them on one IPC channel (EVENT_CHANNEL); the
 * loopback bridge streams the same events as server-sent events (GET /api/events with the run's
 * token). Each message is checked against these shapes before the page sees it.
 */
import { parseShellEvent, type ShellEvent } from './shell-events';

export const EVENT_CHANNEL = 'app:event';
/** The bridge's stream of events (server-sent events). */
export const EVENTS_PATH = '/api/events';

export type AppEvent =
  | ShellEvent
  /** A project-file export running: rows written of the total (0 while it starts). */
  | { type: 'export-progress'; done: number; total: number }
  /** The database was replaced by a backup: everything the page shows is to be read again. */
  | { type: 'backup-restored'; name: string };

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** The event as a fresh object of a known shape, or null for anything else. */
export function parseAppEvent(value: unknown): AppEvent | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (v.type === 'export-progress') {
    return isCount(v.done) && isCount(v.total)
      ? { type: 'export-progress', done: v.done, total: v.total }
      : null;
  }
  if (v.type === 'backup-restored') {
    return typeof v.name === 'string' && v.name.length > 0 && v.name.length <= 200
      ? { type: 'backup-restored', name: v.name }
      : null;
  }
  return parseShellEvent(value);
}

/** Where events are emitted and listened to, in the main process (no transport here). */
export interface EventHub {
  emit(event: AppEvent): void;
  /** Calls back with every event from now on; returns the unsubscribe. */
  listen(listener: (event: AppEvent) => void): () => void;
}

export function createEventHub(
  onError: (e: unknown) => void = (e) => console.error('event listener failed', e),
): EventHub {
  const listeners = new Set<(event: AppEvent) => void>();
  return {
    emit(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (e) {
          onError(e);
        }
      }
    },
    listen(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
