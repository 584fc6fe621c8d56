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
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

function columns(db: Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).filter(Boolean);
}

/** Creates the temporary table and triggers; call once per connection, after migrating. */
export function installCapture(db: Database): void {
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS capture_on (x INTEGER);
    CREATE TEMP TABLE IF NOT EXISTS captured (
      seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, row_key TEXT NOT NULL, before TEXT, after TEXT
    );`);
  for (const [table, pk] of Object.entries(CAPTURED_TABLES)) {
    const cols = columns(db, table);
    const image = (ref: 'OLD' | 'NEW') => `json_object(${cols.map((c) => `'${c}', ${ref}.${c}`).join(', ')})`;
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
}

/**
 * Runs `fn` (inside the caller's transaction) with capturing on, and returns what it changed:
 * one entry per row, with the row as it was before the first change and after the last. Rows
 * that ended as they started are left out.
 */
export function captureChanges<T>(db: Database, fn: () => T): { value: T; changes: RowChange[] } {
  db.prepare('DELETE FROM temp.captured').run();
  db.prepare('INSERT INTO temp.capture_on VALUES (1)').run();
  let value: T;
  try {
    value = fn();
  } finally {
    db.prepare('DELETE FROM temp.capture_on').run();
  }
  const rows = db.prepare('SELECT tbl, row_key, before, after FROM temp.captured ORDER BY seq').all() as {
    tbl: string;
    row_key: string;
    before: string | null;
    after: string | null;
  }[];
  db.prepare('DELETE FROM temp.captured').run();
  const merged = new Map<
    string,
    { table: string; key: string; before: string | null; after: string | null }
  >();
  for (const r of rows) {
    const id = `${r.tbl}:${r.row_key}`;
    const seen = merged.get(id);
    if (seen) seen.after = r.after;
    else merged.set(id, { table: r.tbl, key: r.row_key, before: r.before, after: r.after });
  }
  const changes = [...merged.values()]
    .filter((c) => c.before !== c.after)
    .map((c) => ({
      table: c.table,
      key: JSON.parse(c.key) as Record<string, unknown>,
      before: c.before === null ? null : (JSON.parse(c.before) as Record<string, unknown>),
      after: c.after === null ? null : (JSON.parse(c.after) as Record<string, unknown>),
    }));
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
    const conflict = updates.length
      ? `DO UPDATE SET ${updates.map((c) => `${c} = excluded.${c}`).join(', ')}`
      : 'DO NOTHING';
    db.prepare(
      `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})
       ON CONFLICT (${pk.join(', ')}) ${conflict}`,
    ).run(...names.map((c) => row[c]));
  }
}
