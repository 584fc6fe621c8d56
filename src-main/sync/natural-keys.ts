/**
 * Phase one of a merge: records both copies added for the same thing under different ids (a
 * period with the same start, a metric's value for the same period, the same gap as 数据反馈)
 * are made one record before the copies are compared.
 */
import type { ProjectBundle, Row } from './bundle';
import type { Rekey } from './merge-types';
import { PROJECT_TABLES, rowKey } from './project-tables';
import { at, idKey, referencesOf } from './side-index';

/**
 * Records the two copies may both have added for the same thing, under different ids: a metric's
 * value for a period, a tracking period. They are one record (the smaller id kept on both
 * copies), not a clash.
 */
const NATURAL_KEYS: readonly { table: string; columns: readonly string[] }[] = [
  { table: 'tracking_periods', columns: ['project_id', 'start_date'] },
  { table: 'metric_actuals', columns: ['metric_id', 'period_start'] },
  // The same gap of the attention list turned into 数据反馈 on both sides (rows without a gap
  // key are never matched: a null is no key).
  { table: 'feedback', columns: ['project_id', 'gap_key'] },
];

/**
 * Rows re-keyed where both copies added the same natural record (a period with the same start,
 * a metric's value for the same period) under different ids. The record keeps the smaller of
 * the two ids, whichever copy merges which: so both copies end with the same id, and a later
 * edit or deletion of it on one side reaches the other. Rows and versions naming the dropped id
 * are made to name the kept one, in their bundle here; `rekeys` lists my rows to re-key in the
 * database (apply-merge.ts does it before anything else).
 */
export function alignNaturalKeys(
  mine: ProjectBundle,
  theirs: ProjectBundle,
): { mine: ProjectBundle; theirs: ProjectBundle; rekeys: Rekey[] } {
  const idsOf = (bundle: ProjectBundle, table: string) =>
    new Set((bundle.tables[table] ?? []).map((r) => r.id as string));
  const buried = (bundle: ProjectBundle) => new Set(bundle.tombstones.map((t) => at(t.tbl, t.row_key)));
  const mineBuried = buried(mine);
  const theirsBuried = buried(theirs);
  const renamedMine = new Map<string, Map<unknown, string>>();
  const renamedTheirs = new Map<string, Map<unknown, string>>();
  const rekeys: Rekey[] = [];
  for (const { table, columns } of NATURAL_KEYS) {
    const myIds = idsOf(mine, table);
    const theirIds = idsOf(theirs, table);
    const natural = (row: Row) => JSON.stringify(columns.map((c) => row[c]));
    const mineOnly = new Map<string, Row>();
    const keyed = (row: Row) => columns.every((c) => row[c] !== null && row[c] !== undefined);
    for (const row of mine.tables[table] ?? []) {
      if (!keyed(row)) continue;
      if (!theirIds.has(row.id as string) && !theirsBuried.has(at(table, idKey(row.id)))) {
        mineOnly.set(natural(row), row);
      }
    }
    const mineMap = new Map<unknown, string>();
    const theirMap = new Map<unknown, string>();
    for (const row of theirs.tables[table] ?? []) {
      if (!keyed(row)) continue;
      if (myIds.has(row.id as string) || mineBuried.has(at(table, idKey(row.id)))) continue;
      const match = mineOnly.get(natural(row));
      if (!match) continue;
      mineOnly.delete(natural(row));
      const [myId, theirId] = [match.id as string, row.id as string];
      if (myId < theirId) theirMap.set(theirId, myId);
      else {
        mineMap.set(myId, theirId);
        rekeys.push({ table, from: myId, to: theirId });
      }
    }
    if (mineMap.size > 0) renamedMine.set(table, mineMap);
    if (theirMap.size > 0) renamedTheirs.set(table, theirMap);
  }
  return {
    mine: renameIds(mine, renamedMine),
    theirs: renameIds(theirs, renamedTheirs),
    rekeys,
  };
}

/** A bundle with ids replaced (table → old id → new id), in rows, references and versions. */
function renameIds(bundle: ProjectBundle, renamed: Map<string, Map<unknown, string>>): ProjectBundle {
  if (renamed.size === 0) return bundle;
  // The columns holding a renamed table's id: its own id and the references to it.
  const columnsToRename = (table: string) => {
    const list: { column: string; map: Map<unknown, string> }[] = [];
    const own = renamed.get(table);
    if (own) list.push({ column: 'id', map: own });
    for (const r of referencesOf.get(table) ?? []) {
      const map = renamed.get(r.parent);
      if (map) list.push({ column: r.column, map });
    }
    return list;
  };
  const tables: Record<string, Row[]> = { ...bundle.tables };
  const rekeyed = new Map<string, (key: string) => string>();
  for (const table of PROJECT_TABLES) {
    const columns = columnsToRename(table.name);
    if (columns.length === 0) continue;
    const rename = (row: Row): Row => {
      let copy: Row | null = null;
      for (const { column, map } of columns) {
        const next = map.get(row[column]);
        if (next !== undefined) (copy ??= { ...row })[column] = next;
      }
      return copy ?? row;
    };
    tables[table.name] = (bundle.tables[table.name] ?? []).map(rename);
    rekeyed.set(table.name, (key) => {
      try {
        return rowKey(table, rename(JSON.parse(key) as Row));
      } catch {
        return key;
      }
    });
  }
  const keyOf = (tbl: string, key: string) => rekeyed.get(tbl)?.(key) ?? key;
  return {
    ...bundle,
    tables,
    fieldVersions: bundle.fieldVersions.map((v) =>
      rekeyed.has(v.tbl) ? { ...v, row_key: keyOf(v.tbl, v.row_key) } : v,
    ),
    tombstones: bundle.tombstones.map((t) =>
      rekeyed.has(t.tbl) ? { ...t, row_key: keyOf(t.tbl, t.row_key) } : t,
    ),
  };
}
