/**
 * The rules between a file's rows, once each value has its type: every row of the one project,
 * keys and UNIQUE columns not repeated, references naming rows of the file, dates in order,
 * totals within bounds, no loop of sub-tasks, reporting lines or predecessors.
 *
 * Ids are resolved once to row indexes; the loop searches then run over typed arrays. (Maps of
 * id strings cost as much as every other check together on 10,000 tasks.)
 */
import { PROJECT_TABLES, REFERENCES, SUMMED_COLUMNS } from '../db/project-schema';
import { findLoops } from '../shared/task-logic';
import { MAX_TOTAL } from '../shared/values';
import { MAX_PROBLEMS, type Problems } from './content-problems';
import type { ProjectBundle, Row } from './format';

/** The index of a row's target in its table: NONE when the column is empty, MISSING when it names no row. */
const NONE = -1;
const MISSING = -2;

export const rowsOf = (bundle: ProjectBundle, table: string): readonly Row[] => bundle.tables[table] ?? [];

const TABLES_WITH_PROJECT_ID = PROJECT_TABLES.filter((t) => t.project === 'project_id').map((t) => t.name);

export function checkProject(problems: Problems, bundle: ProjectBundle, projectId: string): void {
  const projects = rowsOf(bundle, 'projects');
  if (projects.length === 0) problems.add(['projects'], 'missing_project');
  for (let i = 0; i < projects.length; i++) {
    if (projects[i]!.id !== projectId) problems.add(['projects', i, 'id'], 'wrong_project');
  }
  for (const table of TABLES_WITH_PROJECT_ID) {
    const rows = rowsOf(bundle, table);
    for (let i = 0; i < rows.length && !problems.full; i++) {
      if (rows[i]!.project_id !== projectId) problems.add([table, i, 'project_id'], 'wrong_project');
    }
  }
}

/**
 * Columns UNIQUE in the schema besides the key (within the project: every row has its id), the
 * reason a repeat is given, and whether a column may be NULL (as in SQLite, a NULL is never
 * equal to another: not compared).
 */
const UNIQUE = PROJECT_TABLES.flatMap((t) =>
  t.unique.map((u) => {
    const columns = u.columns.filter((c) => c !== 'project_id');
    return {
      table: t.name,
      columns,
      reason: u.reason,
      nullable: columns.some((c) => t.columns[c]!.nullable),
    };
  }),
);

/** Each table's key → row index (one-column keys); a key seen twice is reported. */
export function indexKeys(problems: Problems, bundle: ProjectBundle): Map<string, Map<string, number>> {
  const indexes = new Map<string, Map<string, number>>();
  for (const table of PROJECT_TABLES) {
    const rows = rowsOf(bundle, table.name);
    const index = new Map<string, number>();
    indexes.set(table.name, index);
    const [first, second] = table.key as [string, string?];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const key =
        second === undefined ? (row[first] as string) : `${row[first] as string} ${row[second] as string}`;
      if (index.has(key)) problems.add([table.name, i, first], 'duplicate_id');
      else index.set(key, i);
    }
  }
  for (const { table, columns, reason, nullable } of UNIQUE) {
    const rows = rowsOf(bundle, table);
    const seen = new Set<string>();
    for (let i = 0; i < rows.length; i++) {
      if (nullable && columns.some((c) => rows[i]![c] === null)) continue;
      const key = columns.map((c) => rows[i]![c] as string).join(' ');
      if (seen.has(key)) problems.add([table, i, columns[columns.length - 1]!], reason, { value: key });
      else seen.add(key);
    }
  }
  return indexes;
}

/**
 * Resolves every reference (every column naming another row of the project; a snapshot's
 * module on purpose not) to a row index (NONE, MISSING); keyed "table.column".
 */
export function resolveReferences(
  problems: Problems,
  bundle: ProjectBundle,
  indexes: Map<string, Map<string, number>>,
): Map<string, Int32Array> {
  const resolved = new Map<string, Int32Array>();
  for (const ref of REFERENCES) {
    const targets = indexes.get(ref.parent)!;
    const rows = rowsOf(bundle, ref.table);
    const to = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const value = rows[i]![ref.column] as string | null;
      if (value === null) {
        to[i] = NONE;
        continue;
      }
      const target = targets.get(value);
      if (target === undefined) {
        to[i] = MISSING;
        problems.add([ref.table, i, ref.column], 'dangling_reference', { table: ref.parent });
      } else to[i] = target;
    }
    resolved.set(`${ref.table}.${ref.column}`, to);
  }
  return resolved;
}

/**
 * The totals the app keeps below MAX_TOTAL (services/totals.ts, the columns marked `summed`):
 * e.g. the project's task budgets, its spend, each metric's recorded values. Amounts are
 * already known to be integers within bounds.
 */
export function checkTotals(problems: Problems, bundle: ProjectBundle): void {
  for (const { table, column, per } of SUMMED_COLUMNS) {
    const totals = new Map<unknown, number>();
    for (const row of rowsOf(bundle, table.name)) {
      const value = row[column];
      if (typeof value !== 'number') continue;
      const key = per === 'project' ? null : row[per];
      const total = (totals.get(key) ?? 0) + Math.abs(value);
      totals.set(key, total);
      if (total > MAX_TOTAL) {
        problems.add([table.name, column], 'total_too_large', { limit: MAX_TOTAL });
        break;
      }
    }
  }
}

export function checkRowRules(problems: Problems, bundle: ProjectBundle): void {
  for (const table of PROJECT_TABLES) {
    for (const [startColumn, endColumn] of table.dateOrder) {
      const rows = rowsOf(bundle, table.name);
      for (let i = 0; i < rows.length; i++) {
        const start = rows[i]![startColumn] as string | null;
        const end = rows[i]![endColumn] as string | null;
        if (start !== null && end !== null && end < start) {
          problems.add([table.name, i, endColumn], 'end_before_start', { start, end });
        }
      }
    }
  }
  for (const table of ['metrics', 'spend_entries']) {
    const rows = rowsOf(bundle, table);
    for (let i = 0; i < rows.length; i++) {
      if (rows[i]!.module_id !== null && rows[i]!.task_id !== null) {
        problems.add([table, i, 'task_id'], 'module_and_task');
      }
    }
  }
  const periods = rowsOf(bundle, 'tracking_periods');
  for (let i = 0; i < periods.length; i++) {
    if ((periods[i]!.closed_at === null) !== (periods[i]!.progress_at_close === null)) {
      problems.add(['tracking_periods', i, 'progress_at_close'], 'invalid_value');
    }
  }
  // Codes are never reused: the next one must come after every code in the file.
  const project = rowsOf(bundle, 'projects')[0];
  if (project) {
    let highest = 0;
    for (const task of rowsOf(bundle, 'tasks')) {
      const n = Number((task.code as string).slice(1));
      if (n > highest) highest = n;
    }
    if ((project.next_task_seq as number) <= highest) {
      problems.add(['projects', 0, 'next_task_seq'], 'too_small', { limit: highest + 1 });
    }
  }
}

const room = (problems: Problems) => MAX_PROBLEMS - problems.list.length;

/**
 * A loop along `next` (at most one per row: a parent, a manager), reported at the row where the
 * walk that found it came back to itself.
 */
export function checkChains(problems: Problems, table: string, column: string, next: Int32Array): void {
  // Edge i is next[i] → i: edge i is row i (see findLoops).
  const rows = new Int32Array(next.length);
  for (let i = 0; i < rows.length; i++) rows[i] = i;
  for (const loop of findLoops(next.length, next, rows, room(problems))) {
    problems.add([table, loop[0]!, column], 'cycle');
  }
}

/** A loop among predecessor links: what no topological order can place, reported once per loop found. */
export function checkLinkCycles(problems: Problems, from: Int32Array, to: Int32Array, tasks: number): void {
  for (const loop of findLoops(tasks, from, to, room(problems))) {
    problems.add(['task_links', loop[0]!, 'predecessor_id'], 'cycle');
  }
}
