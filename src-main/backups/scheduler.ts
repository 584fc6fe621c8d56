/**
 * When automatic backups are made: shortly after the app opens if the newest backup is an hour
 * old or more, then every hour while the app runs — each time only if the data changed since the
 * last backup. The timers are unref'd (they never keep the process alive) and stopped on close.
 */
import type { BackupService } from './backups';

export interface BackupSchedule {
  /** One check now: backs up when due and changed; answers whether a backup was made. */
  tick(): Promise<boolean>;
  stop(): void;
}

export const HOUR_MS = 3_600_000;

export function startBackupSchedule(options: {
  service: BackupService;
  now?: () => Date;
  /** Between checks (an hour). */
  intervalMs?: number;
  /** The first check, after opening (kept off the app's first screen). */
  startDelayMs?: number;
  /** A backup at start only when the newest is at least this old (an hour). */
  minAgeMs?: number;
  logError?: (message: string, error: unknown) => void;
}): BackupSchedule {
  const { service } = options;
  const now = options.now ?? (() => new Date());
  const minAge = options.minAgeMs ?? HOUR_MS;
  const logError = options.logError ?? ((m, e) => console.error(m, e));
  let stopped = false;
  let running = false;

  async function backUpIf(due: () => boolean): Promise<boolean> {
    if (stopped || running || service.restoring || !service.hasChanges() || !due()) return false;
    running = true;
    try {
      await service.create('auto');
      return true;
    } catch (e) {
      if (!stopped) logError('automatic backup failed', e);
      return false;
    } finally {
      running = false;
    }
  }

  const atStart = () => {
    const newest = service.list()[0];
    return !newest || now().getTime() - new Date(newest.createdAt).getTime() >= minAge;
  };

  const first = setTimeout(() => void backUpIf(atStart), options.startDelayMs ?? 5_000);
  const hourly = setInterval(() => void backUpIf(() => true), options.intervalMs ?? HOUR_MS);
  first.unref();
  hourly.unref();

  return {
    tick: () => backUpIf(() => true),
    stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(hourly);
    },
  };
}
