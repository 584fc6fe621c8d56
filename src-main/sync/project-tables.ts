/**
 * The tables that make up one project, in an order that inserts parents before children, with
 * the SQL that selects one project's rows from each. Export, import and merge all walk this list,
 * so a table added by a later migration is carried by all three once it is listed here.
 */
import { CAPTURED_TABLES } from '../db/capture';

export interface ProjectTable {
  name: string;
  /** Primary key columns, in the order row keys are written (as the undo capture writes them). */
  key: readonly string[];
  /** Condition selecting one project's rows; `?` is the project id. */
  where: string;
}

const ofTasks = 'IN (SELECT id FROM tasks WHERE project_id = ?)';

export const PROJECT_TABLES: readonly ProjectTable[] = [
  { name: 'projects', key: ['id'], where: 'id = ?' },
  { name: 'people', key: ['id'], where: 'project_id = ?' },
  { name: 'modules', key: ['id'], where: 'project_id = ?' },
  { name: 'tasks', key: ['id'], where: 'project_id = ?' },
  { name: 'task_links', key: ['predecessor_id', 'successor_id'], where: `successor_id ${ofTasks}` },
  { name: 'metrics', key: ['id'], where: 'project_id = ?' },
  {
    name: 'metric_actuals',
    key: ['id'],
    where: 'metric_id IN (SELECT id FROM metrics WHERE project_id = ?)',
  },
  { name: 'tracking_periods', key: ['id'], where: 'project_id = ?' },
  {
    name: 'module_snapshots',
    key: ['period_id', 'module_id'],
    where: 'period_id IN (SELECT id FROM tracking_periods WHERE project_id = ?)',
  },
  { name: 'spend_entries', key: ['id'], where: 'project_id = ?' },
  { name: 'task_checkins', key: ['id'], where: `task_id ${ofTasks}` },
  // Steps 四 and 五 (migration 6).
  { name: 'project_identities', key: ['project_id', 'replica_id'], where: 'project_id = ?' },
  { name: 'issues', key: ['id'], where: 'project_id = ?' },
  { name: 'feedback', key: ['id'], where: 'project_id = ?' },
  { name: 'root_causes', key: ['id'], where: 'project_id = ?' },
  { name: 'adjustments', key: ['id'], where: 'project_id = ?' },
  { name: 'adjustment_changes', key: ['id'], where: 'project_id = ?' },
  { name: 'adjustment_events', key: ['id'], where: 'project_id = ?' },
  { name: 'cause_issue_links', key: ['root_cause_id', 'issue_id'], where: 'project_id = ?' },
  { name: 'cause_feedback_links', key: ['root_cause_id', 'feedback_id'], where: 'project_id = ?' },
  { name: 'adjustment_issue_links', key: ['adjustment_id', 'issue_id'], where: 'project_id = ?' },
  { name: 'adjustment_feedback_links', key: ['adjustment_id', 'feedback_id'], where: 'project_id = ?' },
  { name: 'adjustment_cause_links', key: ['adjustment_id', 'root_cause_id'], where: 'project_id = ?' },
  { name: 'lessons', key: ['id'], where: 'project_id = ?' },
];

/** What a copy carries for merging, besides the rows: see migration 5. */
export const VERSION_TABLES = ['field_versions', 'tombstones', 'version_vectors'] as const;

export const PROJECT_TABLE_BY_NAME: ReadonlyMap<string, ProjectTable> = new Map(
  PROJECT_TABLES.map((t) => [t.name, t]),
);

/** A row's key as the undo capture writes it: JSON of its key columns, in order. */
export function rowKey(table: ProjectTable, row: Record<string, unknown>): string {
  const key: Record<string, unknown> = {};
  for (const column of table.key) key[column] = row[column];
  return JSON.stringify(key);
}

// Every table an undo can restore is part of a project, and the other way round.
for (const name of Object.keys(CAPTURED_TABLES)) {
  if (!PROJECT_TABLE_BY_NAME.has(name)) throw new Error(`${name} is captured but not a project table`);
}
