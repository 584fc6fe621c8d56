/**
 * What export, import and merge walk: the project's tables as db/project-schema.ts describes
 * them (parents before children, with the SQL that selects one project's rows from each), the
 * version tables a copy carries besides, and row keys as the undo capture writes them.
 */
import { MERGED_TABLES, type ProjectTable } from '../db/project-schema';

export type { ProjectTable } from '../db/project-schema';

/** The tables a project file carries and a merge compares, parents before children. */
export const PROJECT_TABLES: readonly ProjectTable[] = MERGED_TABLES;

export const PROJECT_TABLE_BY_NAME: ReadonlyMap<string, ProjectTable> = new Map(
  PROJECT_TABLES.map((t) => [t.name, t]),
);

/** What a copy carries for merging, besides the rows: see migration 5. */
export const VERSION_TABLES = ['field_versions', 'tombstones', 'version_vectors'] as const;

/** A row's key as the undo capture writes it: JSON of its key columns, in order. */
export function rowKey(table: ProjectTable, row: Record<string, unknown>): string {
  const key: Record<string, unknown> = {};
  for (const column of table.key) key[column] = row[column];
  return JSON.stringify(key);
}
