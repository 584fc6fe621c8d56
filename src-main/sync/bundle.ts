/**
 * One project's rows and versions read from a database (the app's, or an opened project file),
 * in the shape a file holds them: what export writes, and "mine" in a merge.
 */
import type { Db } from '../db/connection';
import { PROJECT_TABLES } from './project-tables';

export type Row = Record<string, unknown>;

export interface FieldVersionRow {
  project_id: string;
  tbl: string;
  row_key: string;
  field: string;
  replica: string;
  counter: number;
  base: string | null;
}

export interface TombstoneRow {
  project_id: string;
  tbl: string;
  row_key: string;
  replica: string;
  counter: number;
  deleted_at: string;
}

export interface VersionVectorRow {
  project_id: string;
  replica: string;
  counter: number;
  name: string;
}

export interface FileInfo {
  projectId: string;
  exportedAt: string;
  exporterId: string;
  exporterName: string;
  appVersion: string;
  /** The file's format version as found (before any upgrade). */
  format: number;
}

/**
 * A project as read from a file (or from the app's database, for a merge): the rows of each
 * table of PROJECT_TABLES as SQLite returns them (column name → value), and the versions.
 */
export interface ProjectBundle {
  info: FileInfo;
  tables: Record<string, Row[]>;
  fieldVersions: FieldVersionRow[];
  tombstones: TombstoneRow[];
  versionVector: VersionVectorRow[];
}

export function readProjectBundle(db: Db, projectId: string, info: FileInfo): ProjectBundle {
  const tables: Record<string, Row[]> = {};
  for (const table of PROJECT_TABLES) {
    tables[table.name] = db
      .prepare(`SELECT * FROM ${table.name} WHERE ${table.where}`)
      .all(projectId) as Row[];
  }
  const versions = <T>(name: string) =>
    db.prepare(`SELECT * FROM ${name} WHERE project_id = ?`).all(projectId) as T[];
  return {
    info,
    tables,
    fieldVersions: versions<FieldVersionRow>('field_versions'),
    tombstones: versions<TombstoneRow>('tombstones'),
    versionVector: versions<VersionVectorRow>('version_vectors'),
  };
}
