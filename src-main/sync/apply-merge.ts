/**
 * Writes a merge planned by merge.ts into the app's database, in one transaction, once every
 * conflict is decided. Rows are written with plain INSERT / UPDATE / DELETE so that the undo
 * capture around it (the caller's) records the whole merge as one step. The versions follow the
 * rows: what came from their copy keeps their stamps, what the merge decided gets a new stamp of
 * this installation, so the decision wins over both copies' older values next time.
 */
import type { Row } from '../project-file/format';
import type { Db } from '../services/common';
import { AppError, type ErrorParams } from '../shared/errors';
import {
  REFERENCES,
  type MergeChange,
  type MergePlan,
  type MergeSummary,
  type Rekey,
  type Side,
  type Stamp,
} from './merge';
import { PROJECT_TABLES, PROJECT_TABLE_BY_NAME, rowKey, type ProjectTable } from './project-tables';
import { localReplica, nextStamp } from './versions';

export type MergeResolutions = Readonly<Record<string, Side>>;

const at = (table: string, key: string) => `${table}\u0000${key}`;

interface VersionWrite {
  table: string;
  rowKey: string;
  field: string;
  stamp: Stamp | 'local';
  base: string | null;
}

/** Every row key of the project, table by table, as at(table, rowKey) (rowKey's JSON, built directly). */
function projectKeys(db: Db, projectId: string): Set<string> {
  const keys = new Set<string>();
  for (const table of PROJECT_TABLES) {
    const rows = db
      .prepare(`SELECT ${table.key.join(', ')} FROM ${table.name} WHERE ${table.where}`)
      .raw(true)
      .all(projectId) as unknown[][];
    const names = table.key.map((c) => JSON.stringify(c));
    for (const row of rows) {
      let key = '{';
      for (let i = 0; i < names.length; i++) key += `${i ? ',' : ''}${names[i]!}:${JSON.stringify(row[i])}`;
      keys.add(at(table.name, `${key}}`));
    }
  }
  return keys;
}

function sameVector(db: Db, projectId: string, expected: MergePlan['mineVersionVector']): boolean {
  const current = db
    .prepare('SELECT replica, counter FROM version_vectors WHERE project_id = ?')
    .all(projectId) as { replica: string; counter: number }[];
  if (current.length !== expected.length) return false;
  const counters = new Map(expected.map((v) => [v.replica, v.counter]));
  return current.every((v) => counters.get(v.replica) === v.counter);
}

/**
 * Applies the plan with the user's decisions (conflict id → 'mine' | 'theirs') and returns what
 * it did. Refused, with nothing written: a conflict left undecided (invalid_input /
 * unresolved_conflicts), a project changed since the plan was made (conflict / merge_stale), or
 * a result that breaks the plan, such as a loop of predecessors or sub-tasks made of both
 * copies' changes (conflict / merge_breaks_plan, naming the tasks).
 */
export function applyMerge(
  db: Db,
  projectId: string,
  plan: MergePlan,
  resolutions: MergeResolutions,
  myReplicaId: string,
): MergeSummary {
  if (plan.projectId !== projectId) throw new Error('the merge plan is for another project');
  const unresolved = plan.conflicts.filter(
    (c) => resolutions[c.id] !== 'mine' && resolutions[c.id] !== 'theirs',
  );
  if (unresolved.length > 0) {
    throw new AppError({
      code: 'invalid_input',
      reason: 'unresolved_conflicts',
      params: { count: unresolved.length },
    });
  }
  return db.transaction(() => {
    if (localReplica(db).id !== myReplicaId)
      throw new Error('the merge was planned for another installation');
    if (!sameVector(db, projectId, plan.mineVersionVector)) {
      throw new AppError({ code: 'conflict', reason: 'merge_stale' });
    }
    // Rows may name rows written after them (a restored task's parent); checked before commit.
    db.pragma('defer_foreign_keys = ON');
    const writer = new RowWriter(db);
    // Before anything is counted: a re-keyed row is the same record, neither added nor deleted.
    for (const rekey of plan.rekeys) writer.rekey(rekey);
    const before = projectKeys(db, projectId);
    const versions: VersionWrite[] = [];
    const replaced: { table: string; rowKey: string }[] = [];
    const tombstoneFor = new Map<string, Stamp | 'local'>();

    const chosen = plan.changes.filter((c) => !c.when || resolutions[c.when.conflictId] === c.when.choice);
    let updated = plan.summary.updated;
    for (const conflict of plan.conflicts) {
      if (conflict.kind !== 'field') continue;
      const stamp: VersionWrite = {
        table: conflict.table,
        rowKey: conflict.rowKey,
        field: conflict.column,
        stamp: 'local',
        base: conflict.base === null ? null : JSON.stringify(conflict.base),
      };
      if (resolutions[conflict.id] === 'theirs') {
        chosen.push({
          op: 'update',
          table: conflict.table,
          rowKey: conflict.rowKey,
          values: { [conflict.column]: conflict.theirs },
          stamps: [stamp],
        });
        updated++;
      } else {
        versions.push(stamp); // mine, decided: it wins next time over both copies' values
      }
    }

    // Updates first (a task moved away from a person they deleted must be before the delete),
    // then deletions, then new rows (which may reuse a code or a period a deletion freed).
    const ofOp = (op: MergeChange['op']) => chosen.filter((c) => c.op === op);
    const updates = ofOp('update');
    writer.freeCodes(updates);
    for (const change of updates) writer.update(change);
    for (const change of ofOp('delete')) {
      for (const cleared of writer.clearRestrictingReferences(change)) versions.push(cleared);
      writer.delete(change);
      if (change.tombstone) tombstoneFor.set(at(change.table, change.rowKey), change.tombstone);
    }
    const order = new Map(PROJECT_TABLES.map((t, i) => [t.name, i]));
    const inserts = ofOp('insert').sort((a, b) => order.get(a.table)! - order.get(b.table)!);
    for (const change of inserts) {
      writer.insert(change);
      replaced.push({ table: change.table, rowKey: change.rowKey });
    }
    for (const change of chosen) {
      for (const s of change.stamps) versions.push({ table: change.table, rowKey: change.rowKey, ...s });
    }

    // What the copies' decisions leave behind: rows under a row that stayed deleted go with
    // it, references to it are emptied (as SQLite does for a deletion).
    for (const cleared of writer.settleDanglingReferences()) versions.push(cleared);
    // Deletions cannot close a loop or disorder a list: only rows written (or re-parented) can.
    const touched = (table: string, ...columns: string[]) =>
      chosen.some(
        (c) =>
          c.table === table &&
          (c.op === 'insert' || (c.op === 'update' && columns.some((k) => k in c.values))),
      );
    const broken = planProblems(db, projectId, {
      parents: touched('tasks', 'parent_id'),
      links: touched('task_links'),
    });
    if (broken.length > 0) throw breaksPlan(broken);
    const reorder = ['tasks', 'people', 'modules', 'metrics'].filter((t) =>
      touched(t, 'position', 'parent_id'),
    );
    for (const moved of orderRows(db, projectId, reorder)) versions.push(moved);

    const after = writeVersions(db, projectId, plan, { before, versions, replaced, tombstoneFor });

    const dangling = db.pragma('foreign_key_check') as { table: string; parent: string }[];
    if (dangling.length > 0) {
      throw breaksPlan(
        dangling.slice(0, 20).map((d) => ({
          reason: 'dangling_reference',
          params: { table: d.table, parent: d.parent },
        })),
      );
    }
    return {
      added: [...after].filter((k) => !before.has(k)).length,
      updated,
      deleted: [...before].filter((k) => !after.has(k)).length,
      renumbered: chosen.flatMap((c) => (c.renumbered ? [c.renumbered] : [])),
      conflicts: plan.conflicts.length,
      autoResolved: plan.summary.autoResolved,
    };
  })();
}

/** Columns that the schema requires in order (end ≥ start). */
const DATE_PAIRS = [
  ['start_date', 'end_date'],
  ['start_date', 'target_date'],
  ['period_start', 'period_end'],
] as const;

/** Row writes with column names taken from this database's schema, never from the file. */
class RowWriter {
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
      const dates = DATE_PAIRS.map(([start, end]) => [row[start], row[end]] as const).find(
        ([start, end]) => typeof start === 'string' && typeof end === 'string' && end < start,
      );
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

/**
 * Loops a merge can make of two sound copies: A waits for B on one side, B for A on the other;
 * or each side put one task under the other. Named by task codes.
 */
function planProblems(
  db: Db,
  projectId: string,
  check: { parents: boolean; links: boolean },
): { reason: string; params: ErrorParams }[] {
  if (!check.parents && !check.links) return [];
  const tasks = db.prepare('SELECT id, code, parent_id FROM tasks WHERE project_id = ?').all(projectId) as {
    id: string;
    code: string;
    parent_id: string | null;
  }[];
  const code = new Map(tasks.map((t) => [t.id, t.code]));
  const named = (ids: string[]) => ids.map((id) => code.get(id) ?? '?').join(' → ');
  const problems: { reason: string; params: ErrorParams }[] = [];

  const parent = new Map(tasks.map((t) => [t.id, t.parent_id]));
  const settled = new Set<string>();
  for (const t of check.parents ? tasks : []) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let id: string | null | undefined = t.id;
    while (id && !settled.has(id) && !onPath.has(id)) {
      path.push(id);
      onPath.add(id);
      id = parent.get(id);
    }
    if (id && onPath.has(id)) {
      const loop = path.slice(path.indexOf(id));
      problems.push({ reason: 'parent_cycle', params: { cycle: named([...loop, id]) } });
    }
    for (const p of path) settled.add(p);
  }

  if (!check.links) return problems;
  const links = db
    .prepare(
      `SELECT l.predecessor_id AS p, l.successor_id AS s FROM task_links l
         JOIN tasks t ON t.id = l.successor_id WHERE t.project_id = ?`,
    )
    .all(projectId) as { p: string; s: string }[];
  const next = new Map<string, string[]>();
  for (const { p, s } of links) {
    const list = next.get(p);
    if (list) list.push(s);
    else next.set(p, [s]);
  }
  // Depth-first, iteratively (10,000-task chains are possible): grey on the stack, black done.
  const state = new Map<string, 'grey' | 'black'>();
  for (const start of next.keys()) {
    if (state.has(start)) continue;
    const stack: { id: string; i: number }[] = [{ id: start, i: 0 }];
    state.set(start, 'grey');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const out = next.get(top.id) ?? [];
      if (top.i >= out.length) {
        state.set(top.id, 'black');
        stack.pop();
        continue;
      }
      const to = out[top.i++]!;
      const seen = state.get(to);
      if (seen === 'grey') {
        const ids = stack.map((f) => f.id);
        problems.push({
          reason: 'dependency_cycle',
          params: { cycle: named([...ids.slice(ids.indexOf(to)), to]) },
        });
        if (problems.length >= 20) return problems;
      } else if (!seen) {
        state.set(to, 'grey');
        stack.push({ id: to, i: 0 });
      }
    }
  }
  return problems;
}

function breaksPlan(problems: { reason: string; params: ErrorParams }[]): AppError {
  return new AppError({
    code: 'conflict',
    reason: 'merge_breaks_plan',
    params: { detail: problems.map((p) => Object.values(p.params).join(' ')).join('; ') },
    problems,
  });
}

/**
 * Positions from two copies can collide or split an outline (each side inserted rows and
 * shifted the rest). Table 2 stays an outline: every task right after its parent's earlier
 * sub-tasks, in the order the positions give (code breaking ties); a position changes only
 * where that order needs it. Other lists only lose duplicate positions.
 */
function orderRows(db: Db, projectId: string, tables: readonly string[]): VersionWrite[] {
  const moved: VersionWrite[] = [];
  const renumber = (table: string, ordered: { id: string; position: number }[]) => {
    const set = db.prepare(`UPDATE ${table} SET position = ? WHERE id = ?`);
    let previous = -Infinity;
    for (const row of ordered) {
      const position = row.position > previous ? row.position : previous + 1;
      if (position !== row.position) {
        set.run(position, row.id);
        moved.push({
          table,
          rowKey: JSON.stringify({ id: row.id }),
          field: 'position',
          stamp: 'local',
          base: JSON.stringify(row.position),
        });
      }
      previous = position;
    }
  };

  if (tables.includes('tasks')) {
    const tasks = db
      .prepare(
        'SELECT id, parent_id AS parentId, position, code FROM tasks WHERE project_id = ? ORDER BY position, code',
      )
      .all(projectId) as { id: string; parentId: string | null; position: number; code: string }[];
    const ids = new Set(tasks.map((t) => t.id));
    const children = new Map<string | null, typeof tasks>();
    for (const t of tasks) {
      const parent = t.parentId !== null && ids.has(t.parentId) ? t.parentId : null;
      const list = children.get(parent);
      if (list) list.push(t);
      else children.set(parent, [t]);
    }
    const outline: typeof tasks = [];
    const stack = [...(children.get(null) ?? [])].reverse();
    while (stack.length > 0) {
      const t = stack.pop()!;
      outline.push(t);
      const under = children.get(t.id);
      if (under) for (let i = under.length - 1; i >= 0; i--) stack.push(under[i]!);
    }
    renumber('tasks', outline);
  }

  for (const table of tables.filter((t) => t !== 'tasks')) {
    const rows = db
      .prepare(`SELECT id, position FROM ${table} WHERE project_id = ? ORDER BY position, id`)
      .all(projectId) as { id: string; position: number }[];
    renumber(table, rows);
  }
  return moved;
}

/**
 * The versions after the merge: stamps of the rows written (theirs as they were, decisions as
 * a new stamp of this installation), tombstones for every row gone (with what it took along),
 * none for a row that is here again, and the version vector both copies add up to.
 */
function writeVersions(
  db: Db,
  projectId: string,
  plan: MergePlan,
  work: {
    before: Set<string>;
    versions: VersionWrite[];
    replaced: { table: string; rowKey: string }[];
    tombstoneFor: Map<string, Stamp | 'local'>;
  },
): Set<string> {
  let local: Stamp | null = null;
  const stamp = (s: Stamp | 'local') => (s === 'local' ? (local ??= nextStamp(db, projectId)) : s);
  const dropVersions = db.prepare('DELETE FROM field_versions WHERE tbl = ? AND row_key = ?');
  const setVersion = db.prepare(
    `INSERT INTO field_versions (project_id, tbl, row_key, field, replica, counter, base)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (tbl, row_key, field) DO UPDATE SET
       replica = excluded.replica, counter = excluded.counter, base = excluded.base`,
  );
  const after = projectKeys(db, projectId);
  for (const r of work.replaced) dropVersions.run(r.table, r.rowKey);
  for (const v of work.versions) {
    if (!after.has(at(v.table, v.rowKey))) continue; // written, then gone with a deletion
    const s = stamp(v.stamp);
    setVersion.run(projectId, v.table, v.rowKey, v.field, s.replica, s.counter, v.base);
  }

  const known = new Map(plan.tombstones.map((t) => [at(t.tbl, t.row_key), t]));
  const bury = db.prepare(
    `INSERT INTO tombstones (project_id, tbl, row_key, replica, counter, deleted_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (tbl, row_key) DO UPDATE SET replica = excluded.replica, counter = excluded.counter,
       deleted_at = excluded.deleted_at`,
  );
  const unbury = db.prepare('DELETE FROM tombstones WHERE tbl = ? AND row_key = ?');
  const now = new Date().toISOString();
  const split = (id: string) => {
    const i = id.indexOf('\u0000');
    return [id.slice(0, i), id.slice(i + 1)] as const;
  };
  for (const id of work.before) {
    if (after.has(id)) continue;
    const [tbl, key] = split(id);
    dropVersions.run(tbl, key);
    const theirs = known.get(id);
    const chosen =
      work.tombstoneFor.get(id) ?? (theirs ? { replica: theirs.replica, counter: theirs.counter } : 'local');
    const s = stamp(chosen);
    bury.run(
      projectId,
      tbl,
      key,
      s.replica,
      s.counter,
      chosen === 'local' ? now : (theirs?.deleted_at ?? now),
    );
  }
  for (const id of after) {
    if (work.before.has(id)) continue;
    const [tbl, key] = split(id);
    unbury.run(tbl, key);
  }
  const keep = db.prepare(
    `INSERT INTO tombstones (project_id, tbl, row_key, replica, counter, deleted_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (tbl, row_key) DO NOTHING`,
  );
  for (const t of plan.tombstones) {
    if (!after.has(at(t.tbl, t.row_key)))
      keep.run(projectId, t.tbl, t.row_key, t.replica, t.counter, t.deleted_at);
  }

  const vector = db.prepare(
    `INSERT INTO version_vectors (project_id, replica, counter, name) VALUES (?, ?, ?, ?)
     ON CONFLICT (project_id, replica) DO UPDATE SET
       name = CASE WHEN excluded.counter >= version_vectors.counter AND excluded.name <> '' THEN excluded.name
                   ELSE version_vectors.name END,
       counter = CASE WHEN excluded.replica = ? THEN max(version_vectors.counter, excluded.counter)
                      ELSE excluded.counter END`,
  );
  // The plan's vector is final for every other replica (it may lower a claim the exporter's own
  // word disproves); ours only ever grows, with the stamps this merge just took.
  const me = localReplica(db).id;
  for (const v of plan.mergedVersionVector) vector.run(projectId, v.replica, v.counter, v.name, me);
  return after;
}
