/**
 * The project file (.ctproj): one project, everything of it, to send to a colleague and merge
 * back. It is a SQLite database with the app's own schema (same migrations), marked by its own
 * application id, holding one project's rows plus the versions a merge needs. See
 * docs/project-file.md for the layout and why SQLite.
 */
import { LATEST_VERSION } from '../db/migrations';
import { PROJECT_FILE_MAX_BYTES } from '../shared/project-file-contract';

export const PROJECT_FILE_EXTENSION = 'ctproj';

/** "CTPF" in the SQLite header: a project file, not the app's database ("CTRK"). */
export const PROJECT_FILE_APPLICATION_ID = 0x43545046;

/**
 * The format version is the schema version (PRAGMA user_version): a file from an older app is
 * brought up to date by the same migrations as the app's database; a newer one is refused.
 */
export const PROJECT_FILE_FORMAT = LATEST_VERSION;

/** Rows of app_meta in a project file describing the file itself. */
export const FILE_META = {
  kind: 'file.kind', // always 'project'
  projectId: 'file.project_id',
  exportedAt: 'file.exported_at', // UTC ISO instant
  exporterId: 'file.exporter_id', // the exporting installation (replica id)
  exporterName: 'file.exporter_name',
  appVersion: 'file.app_version',
} as const;

/** Limits on what an untrusted file may make the app do. */
export const FILE_LIMITS = {
  /** Bytes of the file; a 10,000-task project is about 8 MB. */
  maxBytes: PROJECT_FILE_MAX_BYTES,
  /** Rows of any one table, and of all tables together. */
  maxRowsPerTable: 200_000,
  maxRowsTotal: 500_000,
  /** Characters of any one text value (the app's own fields allow at most 10,000). */
  maxTextChars: 10_000,
  /** Reading and checking in the worker: stopped after this long, or this much memory. */
  timeoutMs: 30_000,
  maxMemoryMb: 512,
} as const;

// The shape of a project's rows and versions is the merge's (sync/bundle.ts): a file holds it.
export type {
  FieldVersionRow,
  FileInfo,
  ProjectBundle,
  Row,
  TombstoneRow,
  VersionVectorRow,
} from '../sync/bundle';

/** What the preview shows before anything is written. */
export interface FileSummary {
  projectId: string;
  projectName: string;
  ownerName: string | null;
  startDate: string | null;
  endDate: string | null;
  exporterName: string;
  exportedAt: string;
  format: number;
  counts: Record<string, number>;
}
