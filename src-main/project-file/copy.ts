/**
 * "Import as a new project": the file's project with a new identity, so it lives beside the
 * original instead of merging into it. Every id is replaced consistently (references follow),
 * and the merge versions are dropped: the copy starts its own history.
 */
import { newId, nowStamp } from '../db/ids';
import { idColumns, PROJECT_TABLE_BY_NAME } from '../db/project-schema';
import type { ProjectBundle, Row } from './format';

/**
 * Columns of each table holding an id of a row of the project: its own, its project, the
 * references between project tables, and a snapshot's module (no foreign key: a snapshot
 * outlives its module), as db/project-schema.ts describes them.
 */
const ID_COLUMNS = new Map([...PROJECT_TABLE_BY_NAME].map(([name, table]) => [name, idColumns(table)]));

export function asNewCopy(bundle: ProjectBundle, name: string): ProjectBundle {
  const ids = new Map<string, string>();
  // Every row's id gets its new one first, so a reference in any table finds the same new id.
  for (const rows of Object.values(bundle.tables)) {
    for (const row of rows) if (typeof row.id === 'string') ids.set(row.id, newId());
  }
  if (!ids.has(bundle.info.projectId)) ids.set(bundle.info.projectId, newId());
  // Only ids of this project are replaced: a snapshot's module deleted since keeps its old id.
  const mapped = (value: unknown) => (typeof value === 'string' ? (ids.get(value) ?? value) : value);
  const now = nowStamp();
  const tables: Record<string, Row[]> = {};
  for (const [table, rows] of Object.entries(bundle.tables)) {
    tables[table] = rows.map((row) => {
      const copy: Row = { ...row };
      for (const column of ID_COLUMNS.get(table) ?? [])
        if (column in copy) copy[column] = mapped(copy[column]);
      if (table === 'projects') Object.assign(copy, { name, created_at: now, updated_at: now });
      return copy;
    });
  }
  return {
    info: { ...bundle.info, projectId: mapped(bundle.info.projectId) as string },
    tables,
    fieldVersions: [],
    tombstones: [],
    versionVector: [],
  };
}
