/**
 * The row writes of a merge (apply-merge.ts): inserts, updates and deletions with column names
 * taken from this database's schema, never from the file; a row re-keyed with what hangs under
 * it; references a deletion leaves dangling settled as SQLite would.
 */
import type { Db } from '../db/connection';
import { REFERENCES } from '../db/project-schema';
import type { Row } from './bundle';
import type { MergeChange, Rekey, Stamp } from './merge-types';
import { breaksPlan } from './plan-problems';
import { PROJECT_TABLE_BY_NAME, rowKey, type ProjectTable } from './project-tables';

/** A field version to record once the rows are written. */
export interface VersionWrite {
  table: string;
  rowKey: string;
  field: string;
  stamp: Stamp | 'local';
  base: string | null;
}

/** Row writes with column names taken from this database's schema, never from the file. */
export class RowWriter {
  private readonly columns = new Map<string, Set<string>>();
  constructor(private readonly db: Db) {}

  private table(name: string): ProjectTable {
    const table = PROJECT_TABLE_BY_NAME.get(name);
    if (!table) throw new Error(`not a project table: ${name}`);
    return table;
  }

  private known(table: string): Set<string> {
    let set = this.columns.get(table);
    if (!set) {
      set = new Set(this.db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]);
      this.columns.set(table, set);
    }
    return set;
  }

  private where(table: ProjectTable, key: string): { sql: string; params: unknown[] } {
    const values = JSON.parse(key) as Row;
    return {
      sql: table.key.map((c) => `${c} = ?`).join(' AND '),
      params: table.key.map((c) => values[c]),
    };
  }

  /**
   * Codes are unique per project: a task whose code changes first gives its old code up, so two
   * tasks can swap or pass codes along in one merge.
   */
  freeCodes(updates: MergeChange[]): void {
    const park = this.db.prepare("UPDATE tasks SET code = '~' || id WHERE id = ?");
    for (const change of updates) {
      if (change.table === 'tasks' && 'code' in change.values)
        park.run((JSON.parse(change.rowKey) as Row).id);
    }
  }

  update(change: MergeChange): void {
    const table = this.table(change.table);
    const known = this.known(change.table);
    const columns = Object.keys(change.values).filter((c) => known.has(c) && !table.key.includes(c));
    if (columns.length === 0) return;
    const where = this.where(table, change.rowKey);
    // Read only when refused: a refused statement leaves the row as it was.
    const merged = () => ({
      ...(this.db.prepare(`SELECT * FROM ${table.name} WHERE ${where.sql}`).get(...where.params) as Row),
      ...change.values,
    });
    this.guard(table.name, merged, () =>
      this.db
        .prepare(`UPDATE ${table.name} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE ${where.sql}`)
        .run(...columns.map((c) => change.values[c]), ...where.params),
    );
  }

  insert(change: MergeChange): void {
    const known = this.known(change.table);
    const columns = Object.keys(change.values).filter((c) => known.has(c));
    this.guard(
      change.table,
      () => change.values,
      () =>
        this.db
          .prepare(
            `INSERT INTO ${this.table(change.table).name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
          )
          .run(...columns.map((c) => change.values[c])),
    );
  }

  /**
   * A row the schema refuses as merged: e.g. one side moved a task's start past the end the
   * other side set (each change alone was fine), or a code taken by the other side's choice.
   * Refused as a merge that breaks the plan, naming the row, rather than a bare constraint.
   */
  private guard(table: string, merged: () => Row, write: () => unknown): void {
    try {
      write();
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (typeof code !== 'string' || !code.startsWith('SQLITE_CONSTRAINT')) throw e;
      const row = merged();
      const what = String(row.code ?? row.name ?? row.period_start ?? row.start_date ?? table);
      const dates = this.table(table)
        .dateOrder.map(([start, end]) => [row[start], row[end]] as const)
        .find(([start, end]) => typeof start === 'string' && typeof end === 'string' && end < start);
      throw breaksPlan([
        dates
          ? {
              reason: 'end_before_start',
              params: { row: what, start: dates[0] as string, end: dates[1] as string },
            }
          : {
              reason:
                code === 'SQLITE_CONSTRAINT_UNIQUE' && table === 'tasks' ? 'duplicate_code' : 'constraint',
              params: { row: what },
            },
      ]);
    }
  }

  delete(change: MergeChange): void {
    const table = this.table(change.table);
    const where = this.where(table, change.rowKey);
    this.db.prepare(`DELETE FROM ${table.name} WHERE ${where.sql}`).run(...where.params);
  }

  /**
   * Gives my row the id their copy has for the same record (merge.ts alignNaturalKeys), with
   * the rows under it and its versions. Deleted and inserted again rather than updated in place,
   * so that the undo capture sees two rows it can put back; a row that belongs to it (a period's
   * Table 1 snapshot, ON DELETE CASCADE) goes with the deletion and is inserted again naming the
   * new id, a reference to it is pointed at the new id.
   */
  rekey({ table: name, from, to }: Rekey): void {
    const table = this.table(name);
    const row = this.db.prepare(`SELECT * FROM ${table.name} WHERE id = ?`).get(from) as Row | undefined;
    if (!row) throw new Error(`no ${name} row ${from} to re-key`);
    const moveVersions = this.db.prepare(
      'UPDATE field_versions SET row_key = ? WHERE tbl = ? AND row_key = ?',
    );
    const under = REFERENCES.filter((r) => r.parent === name).map((r) => ({
      ref: r,
      table: this.table(r.table),
      rows: this.db.prepare(`SELECT * FROM ${r.table} WHERE ${r.column} = ?`).all(from) as Row[],
    }));
    this.delete({ op: 'delete', table: name, rowKey: rowKey(table, row), values: {}, stamps: [] });
    this.insert({ op: 'insert', table: name, rowKey: '', values: { ...row, id: to }, stamps: [] });
    moveVersions.run(rowKey(table, { id: to }), name, rowKey(table, row));
    for (const { ref, table: child, rows } of under) {
      for (const old of rows) {
        const moved = { ...old, [ref.column]: to };
        if (ref.onDelete === 'cascade') {
          this.insert({ op: 'insert', table: child.name, rowKey: '', values: moved, stamps: [] });
        } else {
          this.db
            .prepare(`UPDATE ${child.name} SET ${ref.column} = ? WHERE rowid = ?`)
            .run(to, this.rowid(child.name, child, moved));
        }
        moveVersions.run(rowKey(child, moved), child.name, rowKey(child, old));
      }
    }
  }

  /**
   * A person who still owns tasks cannot be deleted (ON DELETE RESTRICT); when the merge
   * deletes one, their tasks are left without an owner first, as a decision of this merge.
   */
  clearRestrictingReferences(change: MergeChange): VersionWrite[] {
    const id = (JSON.parse(change.rowKey) as Row).id;
    if (id === undefined) return [];
    const cleared: VersionWrite[] = [];
    const restricting = this.db
      .prepare(
        `SELECT m.name AS tbl, f."from" AS col FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
          WHERE m.type = 'table' AND f."table" = ? AND f.on_delete = 'RESTRICT'`,
      )
      .all(change.table) as { tbl: string; col: string }[];
    for (const { tbl, col } of restricting) {
      const table = PROJECT_TABLE_BY_NAME.get(tbl);
      if (!table) continue;
      const rows = this.db.prepare(`SELECT * FROM ${tbl} WHERE ${col} = ?`).all(id) as Row[];
      const clear = this.db.prepare(`UPDATE ${tbl} SET ${col} = NULL WHERE rowid = ?`);
      for (const row of rows) {
        clear.run(this.rowid(tbl, table, row));
        cleared.push({
          table: tbl,
          rowKey: rowKey(table, row),
          field: col,
          stamp: 'local',
          base: JSON.stringify(id),
        });
      }
    }
    return cleared;
  }

  private rowid(tbl: string, table: ProjectTable, row: Row): number {
    return this.db
      .prepare(`SELECT rowid FROM ${tbl} WHERE ${table.key.map((c) => `${c} = ?`).join(' AND ')}`)
      .pluck()
      .get(...table.key.map((c) => row[c])) as number;
  }

  /**
   * Rows naming a row that is not there (it stayed deleted, or went with a deletion): a row
   * that belongs to it goes too (ON DELETE CASCADE), a reference is emptied (SET NULL, and
   * RESTRICT, whose purpose, a confirmation in the app, has no place in a merge).
   */
  settleDanglingReferences(): VersionWrite[] {
    const cleared: VersionWrite[] = [];
    for (let pass = 0; pass < 100; pass++) {
      const found = this.db.pragma('foreign_key_check') as {
        table: string;
        rowid: number;
        parent: string;
        fkid: number;
      }[];
      let settled = 0;
      for (const d of found) {
        const table = PROJECT_TABLE_BY_NAME.get(d.table);
        if (!table || d.parent === 'projects') continue;
        const fk = (
          this.db.prepare(`SELECT * FROM pragma_foreign_key_list(?) WHERE id = ?`).all(d.table, d.fkid) as {
            from: string;
            on_delete: string;
          }[]
        )[0];
        const row = this.db.prepare(`SELECT * FROM ${d.table} WHERE rowid = ?`).get(d.rowid) as
          Row | undefined;
        if (!fk || !row) continue; // already gone with an earlier one
        if (fk.on_delete === 'CASCADE') {
          this.db.prepare(`DELETE FROM ${d.table} WHERE rowid = ?`).run(d.rowid);
        } else {
          this.db.prepare(`UPDATE ${d.table} SET ${fk.from} = NULL WHERE rowid = ?`).run(d.rowid);
          cleared.push({
            table: d.table,
            rowKey: rowKey(table, row),
            field: fk.from,
            stamp: 'local',
            base: JSON.stringify(row[fk.from] ?? null),
          });
        }
        settled++;
      }
      if (settled === 0) break;
    }
    return cleared;
  }
}
