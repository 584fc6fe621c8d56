/**
 * "Import as a new project": the file's project with a new identity, so it lives beside the
 * original instead of merging into it. Every id is replaced consistently (references follow),
 * and the merge versions are dropped: the copy starts its own history.
 */
import { newId, nowStamp } from '../db/ids';
import type { ProjectBundle, Row } from './format';

/** Columns holding the id of a row of the project (its own or a reference). */
const ID_COLUMNS = [
  'id',
  'project_id',
  'owner_id',
  'reports_to_id',
  'module_id',
  'parent_id',
  'predecessor_id',
  'successor_id',
  'metric_id',
  'task_id',
  'period_id',
];

export function asNewCopy(bundle: ProjectBundle, name: string): ProjectBundle {
  const ids = new Map<string, string>();
  const mapped = (value: unknown) => {
    if (typeof value !== 'string') return value;
    let next = ids.get(value);
    if (!next) {
      next = newId();
      ids.set(value, next);
    }
    return next;
  };
  // Ids first, so that every reference (whatever table it is in) maps to the same new id.
  for (const rows of Object.values(bundle.tables)) for (const row of rows) mapped(row.id);
  mapped(bundle.info.projectId);
  const now = nowStamp();
  const tables: Record<string, Row[]> = {};
  for (const [table, rows] of Object.entries(bundle.tables)) {
    tables[table] = rows.map((row) => {
      const copy: Row = { ...row };
      for (const column of ID_COLUMNS) {
        // A snapshot keeps the id of a module deleted since: map it only if it is still here.
        if (
          column in copy &&
          (column !== 'module_id' || table !== 'module_snapshots' || ids.has(String(copy[column])))
        )
          copy[column] = mapped(copy[column]);
      }
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
