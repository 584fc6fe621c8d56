/**
 * A database from outside (a project file, a backup) must have exactly the schema our
 * migrations make for its version: a trigger or view would run its SQL when read or written
 * (a planted trigger could delete other projects' rows on the next ordinary edit), an altered
 * table would hold what the app does not expect. Compared object by object, text included.
 */
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { MIGRATIONS } from './migrations';
import { migrate } from './open';

interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

const SCHEMA_SQL = 'SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name';
const expectedSchemas = new Map<number, string[]>();

const describe = (o: SchemaObject) => JSON.stringify([o.type, o.name, o.tbl_name, o.sql]);

/** sqlite_master exactly as our migrations up to `version` leave it. */
export function expectedSchema(version: number, nativeBinding?: string): string[] {
  let schema = expectedSchemas.get(version);
  if (!schema) {
    const fresh = new Database(':memory:', { nativeBinding });
    try {
      migrate(fresh, MIGRATIONS.slice(0, version));
      schema = (fresh.prepare(SCHEMA_SQL).all() as SchemaObject[]).map(describe);
    } finally {
      fresh.close();
    }
    expectedSchemas.set(version, schema);
  }
  return schema;
}

/**
 * The first schema object of `db` that is not one our migrations make for `version` (or one they
 * make that is missing), as [type, name]; null when the schema is exactly ours.
 */
export function unexpectedSchemaObject(
  db: Db,
  version: number,
  nativeBinding?: string,
): { type: string; name: string } | null {
  const found = (db.prepare(SCHEMA_SQL).all() as SchemaObject[]).map(describe);
  const expected = expectedSchema(version, nativeBinding);
  const expectedSet = new Set(expected);
  const foundSet = new Set(found);
  const odd = found.find((o) => !expectedSet.has(o)) ?? expected.find((o) => !foundSet.has(o));
  if (odd === undefined && found.length === expected.length) return null;
  const [type, name] = JSON.parse(odd ?? '["", ""]') as string[];
  return { type: type ?? '', name: name ?? '' };
}
