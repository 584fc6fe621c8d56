/**
 * The description of the project's tables (db/project-schema.ts) against the schema the
 * migrations make: a migration that adds a table, a column or a reference and forgets the
 * description fails here, before capture, export, validation or merge can miss it.
 */
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { LATEST_VERSION, MIGRATIONS } from '../../src-main/db/migrations';
import { PROJECT_TABLES, type Column } from '../../src-main/db/project-schema';

/** Tables of the database that are not a project's rows: the app's own and the merge's bookkeeping. */
const NOT_PROJECT_TABLES = [
  'app_meta',
  'history',
  'replica',
  'field_versions',
  'tombstones',
  'version_vectors',
  'sqlite_sequence',
];

function migrated(version = LATEST_VERSION): Db {
  const db = new Database(':memory:');
  for (const m of MIGRATIONS.filter((m) => m.version <= version)) m.up(db);
  return db;
}

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

const STORAGE: Record<Column['type'], string> = {
  id: 'TEXT',
  text: 'TEXT',
  date: 'TEXT',
  instant: 'TEXT',
  task_code: 'TEXT',
  json: 'TEXT',
  enum: 'TEXT',
  integer: 'INTEGER',
  fen: 'INTEGER',
  hundredths: 'INTEGER',
  percent: 'INTEGER',
  flag: 'INTEGER',
  position: 'INTEGER',
  real: 'REAL',
};

describe('the description of the project tables matches the schema the migrations make', () => {
  const db = migrated();
  const live = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[])
    .filter((t) => !NOT_PROJECT_TABLES.includes(t))
    .sort();

  test('every project table is described, and only those', () => {
    expect(PROJECT_TABLES.map((t) => t.name).sort()).toEqual(live);
  });

  test.each(PROJECT_TABLES.map((t) => [t.name, t] as const))(
    '%s: columns, their order, kinds, nullability and key',
    (name, table) => {
      const columns = db.prepare('SELECT * FROM pragma_table_info(?)').all(name) as ColumnInfo[];
      expect(Object.keys(table.columns)).toEqual(columns.map((c) => c.name));
      for (const c of columns) {
        const described = table.columns[c.name]!;
        expect(described.nullable, `${name}.${c.name} may be NULL`).toBe(c.notnull === 0 && c.pk === 0);
        const storage =
          described.type === 'enum' && typeof described.values[0] === 'number'
            ? 'INTEGER'
            : STORAGE[described.type];
        expect(c.type, `${name}.${c.name} is stored as`).toBe(storage);
      }
      const key = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
      expect(table.key).toEqual(key.map((c) => c.name));
    },
  );

  test.each(PROJECT_TABLES.map((t) => [t.name, t] as const))(
    '%s: references and their ON DELETE',
    (name, table) => {
      const found = (
        db.prepare('SELECT "from", "table", on_delete FROM pragma_foreign_key_list(?)').all(name) as {
          from: string;
          table: string;
          on_delete: string;
        }[]
      ).map((f) => `${f.from} → ${f.table} ${f.on_delete}`);
      const described = Object.entries(table.columns).flatMap(([column, c]) =>
        c.references
          ? [`${column} → ${c.references.table} ${c.references.onDelete.replace('_', ' ').toUpperCase()}`]
          : [],
      );
      expect(described.sort()).toEqual(found.sort());
      // A mention names a row without a key; the table it names exists.
      for (const c of Object.values(table.columns)) {
        if (c.mentions) expect(PROJECT_TABLES.some((t) => t.name === c.mentions)).toBe(true);
      }
    },
  );

  test.each(PROJECT_TABLES.map((t) => [t.name, t] as const))(
    '%s: unique constraints besides the key',
    (name, table) => {
      const indexes = db.prepare('SELECT name, "unique", origin FROM pragma_index_list(?)').all(name) as {
        name: string;
        unique: number;
        origin: string;
      }[];
      const unique = indexes
        .filter((i) => i.unique === 1 && i.origin !== 'pk')
        .map((i) => db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').pluck().all(i.name));
      expect(table.unique.map((u) => u.columns)).toEqual(unique);
    },
  );

  test.each(PROJECT_TABLES.map((t) => [t.name, t] as const))(
    '%s: which rows are one project’s',
    (name, table) => {
      // The condition runs, and a row counts for exactly the project it names.
      const sql = `SELECT count(*) FROM ${name} WHERE ${table.where}`;
      expect(db.prepare(sql).pluck().get('no-such-project')).toBe(0);
      if (typeof table.project === 'object') {
        expect(table.columns[table.project.via]?.references?.table).toBeDefined();
      } else {
        expect(table.columns[table.project]).toBeDefined();
      }
    },
  );

  test.each(PROJECT_TABLES.map((t) => [t.name, t] as const))(
    '%s: the date order rules are the CHECKs of the schema',
    (name, table) => {
      const sql = db
        .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")
        .pluck()
        .get(name) as string;
      const checked = [...sql.matchAll(/(\w+) >= (\w+)\)/g)]
        .map(([, end, start]) => [start!, end!] as const)
        .filter(
          ([start, end]) => table.columns[start]?.type === 'date' && table.columns[end]?.type === 'date',
        );
      expect(table.dateOrder.map((p) => p.join(' ≤ ')).sort()).toEqual(
        checked.map((p) => p.join(' ≤ ')).sort(),
      );
    },
  );

  test('each table and column appears with the migration the description names', () => {
    for (const m of MIGRATIONS) {
      const at = migrated(m.version);
      for (const table of PROJECT_TABLES) {
        const columns = at
          .prepare('SELECT name FROM pragma_table_info(?)')
          .pluck()
          .all(table.name) as string[];
        const expected = (table.since ?? 1) <= m.version;
        expect(columns.length > 0, `${table.name} at version ${m.version}`).toBe(expected);
        if (!expected) continue;
        const since = (column: string) => table.columnsSince?.[column] ?? table.since ?? 1;
        expect(columns, `${table.name} at version ${m.version}`).toEqual(
          Object.keys(table.columns).filter((c) => since(c) <= m.version),
        );
      }
      at.close();
    }
  });
});
