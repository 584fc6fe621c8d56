/**
 * The last check of a project file someone sent, after the container checks of read.ts (size,
 * header, schema, pages, row counts): do its rows keep the app's rules? The schema's constraints
 * cannot say that 2024-02-30 is not a date, that a name has no NUL in it, that an owner is on the
 * team or that predecessors form no loop; and a file can be built by hand: quick_check on a
 * read-only connection evaluates no CHECK constraint, and a row slipped past a UNIQUE index or a
 * foreign key passes it. So every column is checked against its kind as db/project-schema.ts
 * describes it (value-checks.ts), every CHECK, UNIQUE and foreign key of the schema included
 * (row-rules.ts), then the merge versions (version-rows.ts).
 */
import { PROJECT_TABLES } from '../db/project-schema';
import { AppError } from '../shared/errors';
import { PROJECT_TABLE_BY_NAME } from '../sync/project-tables';
import {
  checkObject,
  checkRows,
  MAX_PROBLEMS,
  Problems,
  type Columns,
  type ContentProblem,
} from './content-problems';
import type { ProjectBundle } from './format';
import {
  checkChains,
  checkLinkCycles,
  checkProject,
  checkRowRules,
  checkTotals,
  indexKeys,
  resolveReferences,
  rowsOf,
} from './row-rules';
import { checkOf, id, integer, shortText, stamp } from './value-checks';
import { checkVersionRows, VERSION_COLUMNS } from './version-rows';

export { MAX_PROBLEMS, type ContentProblem } from './content-problems';

/** Each project table's columns with their checks, as db/project-schema.ts describes them. */
const TABLE_COLUMNS: Readonly<Record<string, Columns>> = Object.fromEntries(
  PROJECT_TABLES.map((t) => [
    t.name,
    Object.fromEntries(Object.entries(t.columns).map(([name, column]) => [name, checkOf(column)])),
  ]),
);

/** The columns of each project table, as this module expects them (a test compares them with the schema). */
export const EXPECTED_COLUMNS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(TABLE_COLUMNS).map(([table, columns]) => [table, Object.keys(columns)]),
);

const INFO_COLUMNS: Columns = {
  projectId: id,
  exportedAt: stamp,
  exporterId: id,
  exporterName: shortText,
  appVersion: shortText,
  format: integer(1),
};

/** Every problem of a bundle's content (at most MAX_PROBLEMS), empty when it keeps every rule. */
export function contentProblems(bundle: ProjectBundle): ContentProblem[] {
  const problems = new Problems();
  checkObject(problems, 'info', bundle.info, INFO_COLUMNS);
  const tables = bundle.tables ?? {};
  for (const name of Object.keys(tables)) {
    if (!PROJECT_TABLE_BY_NAME.has(name))
      problems.add([name], 'unrecognized_keys', { keys: name.slice(0, 200) });
  }
  for (const table of PROJECT_TABLES)
    checkRows(problems, table.name, tables[table.name], TABLE_COLUMNS[table.name]!);
  checkRows(problems, 'field_versions', bundle.fieldVersions, VERSION_COLUMNS.field_versions);
  checkRows(problems, 'tombstones', bundle.tombstones, VERSION_COLUMNS.tombstones);
  checkRows(problems, 'version_vectors', bundle.versionVector, VERSION_COLUMNS.version_vectors);
  // The rules between rows rely on the types checked above.
  if (problems.list.length > 0) return problems.list;

  const projectId = bundle.info.projectId;
  checkProject(problems, bundle, projectId);
  const indexes = indexKeys(problems, bundle);
  const refs = resolveReferences(problems, bundle, indexes);
  checkRowRules(problems, bundle);
  checkTotals(problems, bundle);
  checkChains(problems, 'tasks', 'parent_id', refs.get('tasks.parent_id')!);
  checkChains(problems, 'people', 'reports_to_id', refs.get('people.reports_to_id')!);
  checkLinkCycles(
    problems,
    refs.get('task_links.predecessor_id')!,
    refs.get('task_links.successor_id')!,
    rowsOf(bundle, 'tasks').length,
  );
  checkVersionRows(problems, bundle, projectId);
  return problems.list;
}

/**
 * Throws file_refused / invalid_content listing the problems (at most MAX_PROBLEMS) when the
 * content of a file breaks the app's rules; returns when it keeps them all.
 */
export function validateBundle(bundle: ProjectBundle): void {
  const problems = contentProblems(bundle);
  if (problems.length === 0) return;
  throw new AppError({
    code: 'file_refused',
    reason: 'invalid_content',
    params: { count: problems.length, more: problems.length >= MAX_PROBLEMS ? 1 : 0 },
    path: problems[0]!.path,
    problems,
  });
}
