/**
 * Backups of the database as both sides see them: the kinds, the file-name format (the UTC time
 * and the kind are read back from the name, never from the file's dates) and the entry a list
 * answers with. Importable by the renderer (no Node modules).
 */
import { z } from 'zod';
import { deferred } from './deferred';

export const BACKUP_KINDS = ['auto', 'manual', 'before-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

const PREFIX = 'campaign-tracker-';
/**
 * campaign-tracker-2026-11-26T20-30-00Z-auto.sqlite; a second backup of the same kind within the
 * same second gets -2, -3 … before the extension. Nothing else is ever a backup's name (no
 * folders, no dots but the extension's), so a name cannot point outside the backups folder.
 */
const NAME =
  /^campaign-tracker-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})Z-(auto|manual|before-restore)(?:-([1-9]\d{0,2}))?\.sqlite$/;

export interface ParsedBackupName {
  createdAt: Date;
  kind: BackupKind;
  /** 1 for the first backup of a second, 2, 3 … for the next ones. */
  seq: number;
}

/** The parts of a backup's name, or null when it is not a name this app gives its backups. */
export function parseBackupName(name: string): ParsedBackupName | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const createdAt = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // 2026-02-30 or 25:00 would be read as another moment; such a name is not one we wrote.
  if (stamp(createdAt) !== m.slice(1, 7).join('-')) return null;
  const seq = m[8] ? Number(m[8]) : 1;
  if (seq === 1 && m[8]) return null; // "-1" is never written
  return { createdAt, kind: m[7] as BackupKind, seq };
}

function stamp(date: Date): string {
  const iso = date.toISOString(); // 2026-11-26T20:30:00.000Z
  return `${iso.slice(0, 10)}-${iso.slice(11, 13)}-${iso.slice(14, 16)}-${iso.slice(17, 19)}`;
}

/** The name of a backup made at `createdAt` (to the second, UTC). */
export function backupName(createdAt: Date, kind: BackupKind, seq = 1): string {
  const iso = createdAt.toISOString();
  const time = `${iso.slice(0, 10)}T${iso.slice(11, 13)}-${iso.slice(14, 16)}-${iso.slice(17, 19)}Z`;
  return `${PREFIX}${time}-${kind}${seq > 1 ? `-${seq}` : ''}.sqlite`;
}

export function isBackupName(name: string): boolean {
  return parseBackupName(name) !== null;
}

export const backupNameSchema = deferred(() =>
  z
    .string()
    .max(100)
    .refine(isBackupName, { params: { reason: 'backup_name' } }),
);

export const backupEntrySchema = deferred(() =>
  z.object({
    name: z.string().refine(isBackupName),
    kind: z.enum(BACKUP_KINDS),
    /** When the backup was made (UTC, ISO 8601). */
    createdAt: z.iso.datetime(),
    bytes: z.int().min(0),
  }),
);
export type BackupEntry = z.infer<typeof backupEntrySchema>;

/** The backup channels, spread into the contract (each built on its first call). */
export const backupChannels = {
  /** Every backup in the backups folder, newest first. */
  'backups.list': () => ({ input: z.object({}).strict(), output: z.array(backupEntrySchema) }),
  /** A manual backup now. */
  'backups.create': () => ({ input: z.object({}).strict(), output: backupEntrySchema }),
  /**
   * Replaces the current data with a backup's (one that backups.list answers), after checking it;
   * the data as it was is kept as a 'before-restore' backup.
   */
  'backups.restore': () => ({
    input: z.object({ name: backupNameSchema }).strict(),
    output: z.object({
      restored: backupEntrySchema,
      beforeRestore: backupEntrySchema,
      /** False for a backup from before checksums: its schema and pages were checked, not its content. */
      contentVerified: z.boolean(),
    }),
  }),
};
