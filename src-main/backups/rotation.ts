/**
 * Which backups to keep: a pure function of the list and the time, so the policy is tested with
 * fixed dates. Automatic backups thin out with age; manual and before-restore backups are kept
 * by count, each kind on its own (a manual backup never pushes out an automatic one).
 *
 * Automatic backups kept:
 * - within the last 24 hours: the newest of each clock hour;
 * - within the last 7 calendar days (today and the six before): the newest of each day;
 * - within the last 4 ISO weeks (this week and the three before, Monday first): the newest of each week;
 * - the newest automatic backup, whatever its age; any dated in the future (a clock set back), as
 *   they cannot be placed.
 * Manual: the newest 10. Before-restore: the newest 5.
 * Days and weeks are the user's local ones (`utcOffsetMinutes`, e.g. 480 for China).
 */
import { parseBackupName, type BackupKind } from '../shared/backups';

export interface RotationPolicy {
  hours: number;
  days: number;
  weeks: number;
  manual: number;
  beforeRestore: number;
}

export const DEFAULT_POLICY: RotationPolicy = { hours: 24, days: 7, weeks: 4, manual: 10, beforeRestore: 5 };

export interface RotationItem {
  name: string;
  kind: BackupKind;
  createdAt: Date;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function planRotation(
  backups: readonly RotationItem[],
  now: Date,
  options: { utcOffsetMinutes?: number; policy?: RotationPolicy } = {},
): { keep: string[]; remove: string[] } {
  const policy = options.policy ?? DEFAULT_POLICY;
  const offset = (options.utcOffsetMinutes ?? 0) * 60_000;
  // Newest first; of two in the same second, the later one (-2 after the first) first.
  const seq = (b: RotationItem) => parseBackupName(b.name)?.seq ?? 1;
  const sorted = [...backups].sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || seq(b) - seq(a) || (a.name < b.name ? 1 : -1),
  );
  const keep = new Set<string>();

  const autos = sorted.filter((b) => b.kind === 'auto');
  const nowMs = now.getTime();
  const today = localDay(nowMs, offset);
  const thisWeek = mondayOf(today);
  const hours = new Set<number>();
  const days = new Set<number>();
  const weeks = new Set<number>();
  for (const [i, b] of autos.entries()) {
    const t = b.createdAt.getTime();
    const age = nowMs - t;
    if (i === 0 || age < 0) {
      keep.add(b.name);
    }
    if (age < 0) continue;
    const hour = Math.floor((t + offset) / HOUR);
    if (age < policy.hours * HOUR && !hours.has(hour)) {
      hours.add(hour);
      keep.add(b.name);
    }
    const day = localDay(t, offset);
    if (today - day < policy.days && !days.has(day)) {
      days.add(day);
      keep.add(b.name);
    }
    const week = mondayOf(day);
    if ((thisWeek - week) / 7 < policy.weeks && !weeks.has(week)) {
      weeks.add(week);
      keep.add(b.name);
    }
  }
  for (const [kind, limit] of [
    ['manual', policy.manual],
    ['before-restore', policy.beforeRestore],
  ] as const) {
    for (const b of sorted.filter((x) => x.kind === kind).slice(0, limit)) keep.add(b.name);
  }
  return {
    keep: sorted.filter((b) => keep.has(b.name)).map((b) => b.name),
    remove: sorted.filter((b) => !keep.has(b.name)).map((b) => b.name),
  };
}

/** The local calendar day of a moment, as a day number (days since 1970-01-01). */
function localDay(ms: number, offset: number): number {
  return Math.floor((ms + offset) / DAY);
}

/** The Monday of the ISO week a day number falls in (1970-01-01 was a Thursday). */
function mondayOf(day: number): number {
  const weekday = (((day + 3) % 7) + 7) % 7; // Monday 0 … Sunday 6
  return day - weekday;
}
