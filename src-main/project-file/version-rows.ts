/**
 * The merge versions a file carries (field versions, tombstones, the version vector): each of
 * the one project, naming a table and a row key as the app writes them, a field of that table.
 */
import { PROJECT_TABLE_BY_NAME, PROJECT_TABLES, type ProjectTable } from '../sync/project-tables';
import { ROW_CREATED } from '../sync/versions';
import { LONG_TEXT_MAX } from '../shared/values';
import type { Columns, Problems } from './content-problems';
import type { ProjectBundle, Row } from './format';
import { id, integer, nullable, oneOf, shortText, stamp, text, UUID } from './value-checks';

const tableName = oneOf(PROJECT_TABLES.map((t) => t.name));
/** A field version's base is the JSON of a text value at most; escaping can make it 6× longer. */
const baseJson = text(6 * LONG_TEXT_MAX + 2);

export const VERSION_COLUMNS = {
  field_versions: {
    project_id: id,
    tbl: tableName,
    row_key: shortText,
    field: shortText,
    replica: id,
    counter: integer(1),
    base: nullable(baseJson),
  },
  tombstones: {
    project_id: id,
    tbl: tableName,
    row_key: shortText,
    replica: id,
    counter: integer(1),
    deleted_at: stamp,
  },
  version_vectors: { project_id: id, replica: id, counter: integer(0), name: shortText },
} as const satisfies Record<string, Columns>;

/** The columns a field version may name: the table's own, or '*' for the row's creation. */
export function checkVersionRows(problems: Problems, bundle: ProjectBundle, projectId: string): void {
  const lists: [string, readonly Row[], boolean][] = [
    ['field_versions', bundle.fieldVersions as unknown as Row[], true],
    ['tombstones', bundle.tombstones as unknown as Row[], false],
  ];
  for (const [name, rows, hasField] of lists) {
    const seen = new Set<string>();
    for (let i = 0; i < rows.length && !problems.full; i++) {
      const row = rows[i]!;
      if (row.project_id !== projectId) problems.add([name, i, 'project_id'], 'wrong_project');
      const table = PROJECT_TABLE_BY_NAME.get(row.tbl as string)!;
      if (!isRowKey(table, row.row_key as string)) problems.add([name, i, 'row_key'], 'invalid_row_key');
      if (hasField) {
        const field = row.field as string;
        if (field !== ROW_CREATED && !Object.hasOwn(table.columns, field)) {
          problems.add([name, i, 'field'], 'invalid_value');
        }
        if (typeof row.base === 'string' && !isJson(row.base))
          problems.add([name, i, 'base'], 'invalid_format');
      }
      const key = `${table.name} ${row.row_key as string}${hasField ? ` ${row.field as string}` : ''}`;
      if (seen.has(key)) problems.add([name, i, 'row_key'], 'duplicate_id');
      else seen.add(key);
    }
  }
  const replicas = new Set<string>();
  bundle.versionVector.forEach((row, i) => {
    if (row.project_id !== projectId) problems.add(['version_vectors', i, 'project_id'], 'wrong_project');
    if (replicas.has(row.replica)) problems.add(['version_vectors', i, 'replica'], 'duplicate_id');
    else replicas.add(row.replica);
  });
}

/** A row key exactly as the app writes it: JSON of the table's key columns, in order, each an id. */
function isRowKey(table: ProjectTable, rowKey: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rowKey);
  } catch {
    return false;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return false;
  const entries = Object.entries(parsed);
  return (
    entries.length === table.key.length &&
    entries.every(([k, v], i) => k === table.key[i] && typeof v === 'string' && UUID.test(v)) &&
    JSON.stringify(parsed) === rowKey
  );
}

function isJson(value: string): boolean {
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}
