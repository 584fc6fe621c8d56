/**
 * Writes a project read from a file into the app's database as a project of its own (a new
 * project, or a copy given new ids beforehand). Either every row goes in or none does.
 */
import type { Db } from '../db/connection';
import { AppError } from '../shared/errors';
import { PROJECT_TABLES } from '../sync/project-tables';
import type { ProjectBundle, Row } from './format';

function columnsOf(db: Db, table: string): string[] {
  return db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all(table) as string[];
}

/** A key or unique value already in use (e.g. UNIQUE (project_id, code) of another project's row). */
function isTaken(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

const idsTaken = (table: string) =>
  new AppError({ code: 'file_refused', reason: 'ids_taken', params: { table } });

/**
 * Inserts every row of the bundle, tables in PROJECT_TABLES order, then its versions, in one
 * transaction (a savepoint when the caller has one open) with foreign keys checked at its end.
 * Refused with file_refused/ids_taken, the database unchanged, when any row's key is already
 * in use. Column names come from this database's schema, never from the bundle.
 */
export function insertBundle(db: Db, bundle: ProjectBundle): void {
  const insertRows = (table: string, rows: readonly Row[]) => {
    if (rows.length === 0) return;
    const columns = columnsOf(db, table);
    const insert = db.prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    // One array reused for every row (run copies the values into the statement): no array and
    // no closure per row, which showed in profiles of a 10,000-task import.
    const values: unknown[] = new Array(columns.length);
    try {
      for (const row of rows) {
        for (let i = 0; i < columns.length; i++) values[i] = row[columns[i]!] ?? null;
        insert.run(values);
      }
    } catch (e) {
      if (isTaken(e)) throw idsTaken(table);
      throw e;
    }
  };

  db.transaction(() => {
    // Until this transaction ends: rows may name rows inserted after them (a task's parent).
    db.pragma('defer_foreign_keys = ON');
    // A key already in use fails its INSERT (primary key or unique constraint), which refuses
    // the file and rolls everything back: no separate look-up per row first.
    for (const table of PROJECT_TABLES) insertRows(table.name, bundle.tables[table.name] ?? []);
    const versions: [string, readonly Row[]][] = [
      ['field_versions', bundle.fieldVersions as unknown as Row[]],
      ['tombstones', bundle.tombstones as unknown as Row[]],
      ['version_vectors', bundle.versionVector as unknown as Row[]],
    ];
    for (const [table, rows] of versions) insertRows(table, rows);
  })();
}
