/**
 * Records which rows a write changed, before and after, so the write can be undone. Temporary
 * triggers (on this connection only, never in the file) copy each changed row as JSON into a
 * temporary table while capturing is switched on. Foreign-key actions (cascading deletes, SET
 * NULL) fire them too, so an undo restores everything a delete took along.
 */
import type { Database } from 'better-sqlite3';
import { UNDOABLE_TABLES } from './project-schema';

/** The tables an undo can restore, with their primary key columns (from db/project-schema.ts). */
export const CAPTURED_TABLES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  UNDOABLE_TABLES.map((t) => [t.name, t.key]),
);

export interface RowChange {
  table: string;
  /** Primary key values, as a JSON object. */
  key: Record<string, unknown>;
  /**
   * The row before and after; null where it did not exist. Whole for an inserted or deleted row;
   * for an updated row, the changed columns with the key and project columns (captureChanges).
   */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

function columns(db: Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).filter(Boolean);
}

/**
 * Each captured table's columns in the order its triggers write them, and which of them an
 * update's images always carry (see captureChanges). Per connection: the triggers are too.
 */
interface Layout {
  columns: string[];
  /** The key, and what ties the row to its project: project_id, or else its foreign keys. */
  always: boolean[];
  /** The primary key's columns and where they are in the values. */
  key: { column: string; at: number }[];
}
const layouts = new WeakMap<Database, Map<string, Layout>>();

function layoutOf(db: Database, table: string, cols: string[]): Layout {
  const pk = CAPTURED_TABLES[table] ?? [];
  const anchors = cols.includes('project_id') ? ['project_id'] : referenceColumns(db, table);
  return {
    columns: cols,
    always: cols.map((c) => pk.includes(c) || anchors.includes(c)),
    key: pk.map((column) => ({ column, at: cols.indexOf(column) })),
  };
}

/**
 * Creates the temporary table and triggers; call once per connection, after migrating. The
 * triggers copy a row's values as a JSON array (no column names: captureChanges knows them), so
 * SQLite writes and JS parses about half as much as with an object per row.
 */
export function installCapture(db: Database): void {
  // The temporary tables in memory, not in a temporary file: every edit writes and empties them
  // twice, which cost as much as a fifth of an edit's statements on file (set before any
  // temporary object exists: changing it later drops them).
  db.pragma('temp_store = MEMORY');
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS capture_on (x INTEGER);
    CREATE TEMP TABLE IF NOT EXISTS captured (
      seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, row_key TEXT NOT NULL, before TEXT, after TEXT
    );`);
  const tables = new Map<string, Layout>();
  for (const [table, pk] of Object.entries(CAPTURED_TABLES)) {
    const cols = columns(db, table);
    tables.set(table, layoutOf(db, table, cols));
    const image = (ref: 'OLD' | 'NEW') => `json_array(${cols.map((c) => `${ref}.${c}`).join(', ')})`;
    const key = (ref: 'OLD' | 'NEW') => `json_object(${pk.map((c) => `'${c}', ${ref}.${c}`).join(', ')})`;
    const when = 'WHEN EXISTS (SELECT 1 FROM temp.capture_on)';
    db.exec(`
      DROP TRIGGER IF EXISTS temp.capture_${table}_insert;
      DROP TRIGGER IF EXISTS temp.capture_${table}_update;
      DROP TRIGGER IF EXISTS temp.capture_${table}_delete;
      CREATE TEMP TRIGGER capture_${table}_insert AFTER INSERT ON main.${table} ${when} BEGIN
        INSERT INTO captured (tbl, row_key, before, after) VALUES ('${table}', ${key('NEW')}, NULL, ${image('NEW')});
      END;
      CREATE TEMP TRIGGER capture_${table}_update AFTER UPDATE ON main.${table} ${when} BEGIN
        INSERT INTO captured (tbl, row_key, before, after) VALUES ('${table}', ${key('OLD')}, ${image('OLD')}, ${image('NEW')});
      END;
      CREATE TEMP TRIGGER capture_${table}_delete AFTER DELETE ON main.${table} ${when} BEGIN
        INSERT INTO captured (tbl, row_key, before, after) VALUES ('${table}', ${key('OLD')}, ${image('OLD')}, NULL);
      END;`);
  }
  layouts.set(db, tables);
}

/**
 * An updated row as it stood after the write, for the change set (routes/change-set.ts), which
 * reads a few columns the images leave out: kept beside the change, not in it, so that the
 * history stores only the images.
 */
const rowsAfter = new WeakMap<RowChange, { layout: Layout; values: unknown[] }>();

/**
 * An updated row as it stood after the captured write: its columns (the same array for every row
 * of a table) and values in that order; undefined when not known.
 */
export function capturedAfter(
  change: RowChange,
): { columns: readonly string[]; values: unknown[] } | undefined {
  const row = rowsAfter.get(change);
  return row && { columns: row.layout.columns, values: row.values };
}

/** A whole row as an object, from the values its trigger wrote. */
function wholeRow(layout: Layout, values: unknown[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  layout.columns.forEach((c, i) => (row[c] = values[i]));
  return row;
}

/**
 * Runs `fn` (inside the caller's transaction) with capturing on, and returns what it changed:
 * one entry per row, with the row as it was before the first change and after the last. Rows
 * that ended as they started are left out. A row inserted or deleted is kept whole (undo puts it
 * back or takes it out); a row updated keeps only what undo and redo need: the columns that
 * changed, its key, and what ties it to its project (project_id, or else its foreign keys), so a
 * 1,000-row paste of three columns stores three values a row, not every column twice.
 */
export function captureChanges<T>(db: Database, fn: () => T): { value: T; changes: RowChange[] } {
  const tables = layouts.get(db);
  if (!tables) throw new Error('captureChanges: installCapture was not run on this connection');
  db.prepare('DELETE FROM temp.captured').run();
  db.prepare('INSERT INTO temp.capture_on VALUES (1)').run();
  let value: T;
  try {
    value = fn();
  } finally {
    db.prepare('DELETE FROM temp.capture_on').run();
  }
  const rows = db
    .prepare('SELECT tbl, row_key, before, after FROM temp.captured ORDER BY seq')
    .raw(true)
    .all() as [string, string, string | null, string | null][];
  db.prepare('DELETE FROM temp.captured').run();
  const merged = new Map<
    string,
    { table: string; key: string; before: string | null; after: string | null }
  >();
  for (const [table, key, before, after] of rows) {
    const id = `${table}:${key}`;
    const seen = merged.get(id);
    if (seen) seen.after = after;
    else merged.set(id, { table, key, before, after });
  }
  const changes: RowChange[] = [];
  for (const c of merged.values()) {
    if (c.before === c.after) continue;
    const layout = tables.get(c.table)!;
    const before = c.before === null ? null : (JSON.parse(c.before) as unknown[]);
    const after = c.after === null ? null : (JSON.parse(c.after) as unknown[]);
    // The key from the row's own values (the same as the trigger's row_key, without parsing it).
    const key: Record<string, unknown> = {};
    const values = (before ?? after)!;
    for (const k of layout.key) key[k.column] = values[k.at];
    if (!before || !after) {
      changes.push({
        table: c.table,
        key,
        before: before && wholeRow(layout, before),
        after: after && wholeRow(layout, after),
      });
      continue;
    }
    const was: Record<string, unknown> = {};
    const is: Record<string, unknown> = {};
    const { columns, always } = layout;
    for (let i = 0; i < columns.length; i++) {
      if (!always[i] && before[i] === after[i]) continue;
      was[columns[i]!] = before[i];
      is[columns[i]!] = after[i];
    }
    const change = { table: c.table, key, before: was, after: is };
    rowsAfter.set(change, { layout, values: after });
    changes.push(change);
  }
  return { value, changes };
}

/**
 * Foreign-key columns of each captured table, besides its key (names from the schema).
 */
function referenceColumns(db: Database, table: string): string[] {
  const pk = CAPTURED_TABLES[table] ?? [];
  return (db.prepare('SELECT "from" FROM pragma_foreign_key_list(?)').pluck().all(table) as string[]).filter(
    (c) => !pk.includes(c),
  );
}

/**
 * Puts rows back as `images` say (null: the row must not exist). Foreign keys are checked at
 * commit rather than per statement, so the order of the rows does not matter.
 */
export function applyImages(
  db: Database,
  images: { table: string; key: Record<string, unknown>; row: Record<string, unknown> | null }[],
): void {
  db.pragma('defer_foreign_keys = ON');
  const known = new Map(Object.keys(CAPTURED_TABLES).map((t) => [t, new Set(columns(db, t))]));
  // Deferring postpones the check, not ON DELETE actions: a row deleted below would cascade to
  // (or empty) a row still pointing at it that the images keep, e.g. undoing a merge that
  // restored a task and moved an existing task under it. So rows that stay are re-pointed first.
  if (images.some((i) => i.row === null)) {
    for (const { table, key, row } of images) {
      const pk = CAPTURED_TABLES[table];
      const refs = row && pk ? referenceColumns(db, table).filter((c) => c in row) : [];
      if (!pk || refs.length === 0) continue;
      db.prepare(
        `UPDATE ${table} SET ${refs.map((c) => `${c} = ?`).join(', ')} WHERE ${pk.map((c) => `${c} = ?`).join(' AND ')}`,
      ).run(...refs.map((c) => row![c]), ...pk.map((c) => key[c]));
    }
  }
  for (const { table, key, row } of images) {
    const pk = CAPTURED_TABLES[table];
    const cols = known.get(table);
    if (!pk || !cols) throw new Error(`history names an unknown table ${table}`);
    const where = pk.map((c) => `${c} = ?`).join(' AND ');
    if (row === null) {
      db.prepare(`DELETE FROM ${table} WHERE ${where}`).run(...pk.map((c) => key[c]));
      continue;
    }
    const names = Object.keys(row).filter((c) => cols.has(c));
    const updates = names.filter((c) => !pk.includes(c));
    if (names.length < cols.size && updates.length > 0) {
      // An update's image (some columns): the row is there, as the later steps of the history
      // left it, and gets those columns back. (A row missing here can only come from an image
      // recorded before a column was added: it is inserted below, as it always was.)
      const done = db
        .prepare(`UPDATE ${table} SET ${updates.map((c) => `${c} = ?`).join(', ')} WHERE ${where}`)
        .run(...updates.map((c) => row[c]), ...pk.map((c) => key[c]));
      if (done.changes === 1) continue;
    }
    const conflict = updates.length
      ? `DO UPDATE SET ${updates.map((c) => `${c} = excluded.${c}`).join(', ')}`
      : 'DO NOTHING';
    db.prepare(
      `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})
       ON CONFLICT (${pk.join(', ')}) ${conflict}`,
    ).run(...names.map((c) => row[c]));
  }
}
