/**
 * Small helpers for mapping between the API's camelCase fields and the tables' snake_case
 * columns. Column names only ever come from these maps, never from a payload, so the SQL built
 * here cannot be injected.
 */
import type { Database } from 'better-sqlite3';

export type ColumnMap<F extends string> = Readonly<Record<F, string>>;

/** `a AS "a", owner_id AS "ownerId", …` for a SELECT that returns API-shaped rows. */
export function selectList<F extends string>(map: ColumnMap<F>, tableAlias = ''): string {
  const prefix = tableAlias ? `${tableAlias}.` : '';
  return Object.entries<string>(map)
    .map(([field, column]) => `${prefix}${column} AS "${field}"`)
    .join(', ');
}

/**
 * UPDATE of the fields present in `patch` plus updated_at. Returns false when no row has that id.
 * Booleans become 0/1 (SQLite has no boolean).
 */
export function updateFields<F extends string>(
  db: Database,
  table: string,
  map: ColumnMap<F>,
  id: string,
  patch: Partial<Record<F, unknown>>,
  stamp: string,
): boolean {
  const fields = (Object.keys(patch) as F[]).filter((f) => patch[f] !== undefined && f in map);
  const sets = fields.map((f) => `${map[f]} = ?`);
  sets.push('updated_at = ?');
  const values = fields.map((f) => toSql(patch[f]));
  const info = db.prepare(`UPDATE ${table} SET ${sets.join(', ')} WHERE id = ?`).run(...values, stamp, id);
  return info.changes > 0;
}

function toSql(value: unknown): unknown {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}
