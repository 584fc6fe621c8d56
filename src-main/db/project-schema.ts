/**
 * The one description of a project's tables: per table its columns (kind, limits, whether they
 * may be empty), its key, the references between rows (with what SQLite does on a deletion),
 * which rows belong to one project, its date-order and uniqueness rules, and whether undo and
 * merge carry it. Capture (undo), history, export and import, the file validator, the merge
 * and the copy with new ids all read this list instead of keeping their own, so a new table is
 * one entry here plus its migration and its service. test/unit/project-schema.test.ts compares
 * it with the schema the migrations make: a column added by a migration and forgotten here
 * fails that test.
 *
 * Tables are listed parents before children (the order export, import and merge insert in).
 */
import { PERSON_ROLES, PROJECT_STATUSES } from '../shared/domain';
import {
  ADJUSTMENT_ACTIONS,
  ADJUSTMENT_STATUSES,
  CHANGE_KINDS,
  FEEDBACK_SOURCES,
  ISSUE_SEVERITIES,
  ISSUE_STATUSES,
  SENTIMENTS,
} from '../shared/feedback';
import { LESSON_KINDS, LESSON_TAG_MAX, LESSON_TEXT_MAX } from '../shared/lessons';
import { AGGREGATIONS, CYCLES, DIRECTIONS, METRIC_KINDS } from '../shared/tracking';
import { LONG_TEXT_MAX, NAME_MAX } from '../shared/values';

/** What SQLite does to the referring row when the referred one is deleted. */
export type OnDelete = 'cascade' | 'set_null' | 'restrict';

/** What a column holds; the limits are the app's (shared/values.ts, shared/tracking.ts). */
export type ColumnKind =
  /** A UUIDv7 record id (or an installation's id). */
  | { type: 'id' }
  /** Text of at most `max` characters, no control characters; `required`: not only spaces. */
  | { type: 'text'; max: number; required?: boolean }
  /** A calendar date, YYYY-MM-DD. */
  | { type: 'date' }
  /** An instant as nowStamp() writes it (UTC ISO). */
  | { type: 'instant' }
  /** An integer within [min, max] (the safe integers when not given). */
  | { type: 'integer'; min?: number; max?: number }
  /** A finite number within [min, max]. */
  | { type: 'real'; min: number; max: number }
  /** An amount in fen: an integer 0 … MAX_FEN (10^12), or −MAX_FEN … MAX_FEN when `signed`. */
  | { type: 'fen'; signed?: boolean }
  /** A metric's figure in integer hundredths (shared/tracking.ts `hundredths`). */
  | { type: 'hundredths' }
  /** A whole percentage 0 … 100 (shared/values.ts `progress`). */
  | { type: 'percent' }
  /** 0 or 1. */
  | { type: 'flag' }
  /** A place in a list: any integer. */
  | { type: 'position' }
  /** One of a fixed list of values. */
  | { type: 'enum'; values: readonly (string | number)[] }
  /** A task code as tasks.ts makes them (M001 …). */
  | { type: 'task_code' }
  /**
   * JSON text (at most `max` characters) holding: a project's editable list (distinct names),
   * a snapshot's open issues (titles), a snapshot's adjustments (title and status of each).
   */
  | { type: 'json'; shape: 'name_list' | 'title_list' | 'snapshot_adjustments'; max: number };

export type Column = ColumnKind & {
  nullable: boolean;
  /** The row of another table (or the same) this column names, enforced by a foreign key. */
  references?: { table: string; onDelete: OnDelete };
  /** Names a row of this table without a foreign key (a snapshot outlives its module). */
  mentions?: string;
  /** A total the app keeps below MAX_TOTAL (services/totals.ts): per project, or per `per` column. */
  summed?: { per: 'project' | string };
};

export interface TableDescription {
  name: string;
  /** Primary key columns, in the order row keys are written (as the undo capture writes them). */
  key: readonly string[];
  /**
   * How a row belongs to a project: its `id` (the project itself), its `project_id`, or through
   * the row its `via` column names (which has a project_id).
   */
  project: 'id' | 'project_id' | { via: string };
  /** Condition selecting one project's rows; `?` is the project id (made from `project`). */
  where: string;
  columns: Readonly<Record<string, Column>>;
  /** Pairs of dates where the second may not come before the first (checked by the schema). */
  dateOrder: readonly (readonly [string, string])[];
  /** UNIQUE constraints besides the key, and the reason a repeat is refused with. */
  unique: readonly { columns: readonly string[]; reason: string }[];
  /** Captured for undo (db/capture.ts) and restored by it. */
  undoable: boolean;
  /** Carried by project files and merged (sync/). */
  merged: boolean;
  /** Rows an undo never removes while the row this column names stays (a status trail). */
  appendOnlyUnder?: string;
  /** The migration that made the table (1 when not given). */
  since?: number;
  /** Columns added to the table by later migrations: column → migration. */
  columnsSince?: Readonly<Record<string, number>>;
}

// ---- Column makers ----

const col = (kind: ColumnKind): Column => ({ ...kind, nullable: false });
const orNull = (column: Column): Column => ({ ...column, nullable: true });

const id = col({ type: 'id' });
const ref = (table: string, onDelete: OnDelete): Column => ({ ...id, references: { table, onDelete } });
const project = ref('projects', 'cascade');
const name = col({ type: 'text', max: NAME_MAX, required: true });
const shortText = col({ type: 'text', max: NAME_MAX });
const longText = col({ type: 'text', max: LONG_TEXT_MAX });
const date = col({ type: 'date' });
const instant = col({ type: 'instant' });
const flag = col({ type: 'flag' });
const position = col({ type: 'position' });
const percent = col({ type: 'percent' });
const percentReal = col({ type: 'real', min: 0, max: 100 });
const fen = col({ type: 'fen' });
const hundredths = col({ type: 'hundredths' });
const cycle = col({ type: 'enum', values: CYCLES });
const oneOf = (values: readonly (string | number)[]) => col({ type: 'enum', values });
const adjustmentStatus = oneOf(ADJUSTMENT_STATUSES);
const json = (shape: 'name_list' | 'title_list' | 'snapshot_adjustments', max: number) =>
  col({ type: 'json', shape, max });
const summed = (column: Column, per: 'project' | string = 'project'): Column => ({
  ...column,
  summed: { per },
});
const stamps = { created_at: instant, updated_at: instant };

type Described = Omit<TableDescription, 'where' | 'dateOrder' | 'unique' | 'undoable' | 'merged'> &
  Partial<Pick<TableDescription, 'dateOrder' | 'unique' | 'undoable' | 'merged'>>;

/** A link table of steps 四/五 (migration 6): two rows of the project linked, many to many. */
function linkTable(table: string, left: [string, string], right: [string, string]): Described {
  return {
    name: table,
    key: [left[0], right[0]],
    project: 'project_id',
    since: 6,
    columns: {
      project_id: project,
      [left[0]]: ref(left[1], 'cascade'),
      [right[0]]: ref(right[1], 'cascade'),
    },
  };
}

const DESCRIBED: readonly Described[] = [
  {
    name: 'projects',
    key: ['id'],
    project: 'id',
    columns: {
      id,
      name,
      goal: longText,
      owner_id: orNull(ref('people', 'set_null')),
      start_date: orNull(date),
      end_date: orNull(date),
      status: oneOf(PROJECT_STATUSES),
      actions: longText,
      audience: longText,
      budget_fen: orNull(fen),
      manpower: longText,
      channels: longText,
      expected_outcome: longText,
      next_task_seq: col({ type: 'integer', min: 1 }),
      ...stamps,
      tracking_cycle: cycle,
      gap_threshold: percent,
      issue_categories: orNull(json('name_list', LONG_TEXT_MAX)),
      feedback_channels: orNull(json('name_list', LONG_TEXT_MAX)),
      cause_categories: orNull(json('name_list', LONG_TEXT_MAX)),
      major_budget_pct: orNull(percent),
      major_end_date: flag,
      major_goal_target: flag,
    },
    columnsSince: {
      tracking_cycle: 4,
      gap_threshold: 4,
      issue_categories: 6,
      feedback_channels: 6,
      cause_categories: 6,
      major_budget_pct: 6,
      major_end_date: 6,
      major_goal_target: 6,
    },
    dateOrder: [['start_date', 'end_date']],
  },
  {
    name: 'people',
    key: ['id'],
    project: 'project_id',
    columns: {
      id,
      project_id: project,
      name,
      role: oneOf(PERSON_ROLES),
      group_name: longText,
      reports_to_id: orNull(ref('people', 'set_null')),
      position,
      ...stamps,
    },
  },
  {
    name: 'modules',
    key: ['id'],
    project: 'project_id',
    columns: {
      id,
      project_id: project,
      name,
      owner_id: orNull(ref('people', 'set_null')),
      progress_override: orNull(percent),
      milestone: longText,
      summary: longText,
      issues: longText,
      suggestions: longText,
      result: longText,
      position,
      ...stamps,
      budget_fen: orNull(summed(fen)),
    },
    columnsSince: { budget_fen: 6 },
  },
  {
    name: 'tasks',
    key: ['id'],
    project: 'project_id',
    columns: {
      id,
      project_id: project,
      code: col({ type: 'task_code' }),
      name,
      deliverable: longText,
      owner_id: orNull(ref('people', 'restrict')),
      start_date: orNull(date),
      end_date: orNull(date),
      budget_fen: orNull(summed(fen)),
      manpower: longText,
      tools: longText,
      criteria: longText,
      progress: percent,
      notes: longText,
      module_id: orNull(ref('modules', 'set_null')),
      parent_id: orNull(ref('tasks', 'cascade')),
      position,
      ...stamps,
      milestone: flag,
      blocked: flag,
      tracking_cycle: orNull(cycle),
    },
    columnsSince: { milestone: 2, blocked: 2, tracking_cycle: 4 },
    dateOrder: [['start_date', 'end_date']],
    unique: [{ columns: ['project_id', 'code'], reason: 'duplicate_code' }],
  },
  {
    name: 'task_links',
    key: ['predecessor_id', 'successor_id'],
    project: { via: 'successor_id' },
    since: 2,
    columns: { predecessor_id: ref('tasks', 'cascade'), successor_id: ref('tasks', 'cascade') },
  },
  {
    name: 'metrics',
    since: 4,
    key: ['id'],
    project: 'project_id',
    columns: {
      id,
      project_id: project,
      module_id: orNull(ref('modules', 'set_null')),
      task_id: orNull(ref('tasks', 'set_null')),
      name,
      preset: orNull(shortText),
      unit: shortText,
      kind: oneOf(METRIC_KINDS),
      direction: oneOf(DIRECTIONS),
      aggregation: oneOf(AGGREGATIONS),
      baseline_c: orNull(hundredths),
      target_c: orNull(hundredths),
      start_date: orNull(date),
      target_date: orNull(date),
      cycle,
      funnel_stage: orNull(col({ type: 'integer', min: 1, max: 20 })),
      goal_linked: flag,
      position,
      ...stamps,
    },
    dateOrder: [['start_date', 'target_date']],
  },
  {
    name: 'metric_actuals',
    since: 4,
    key: ['id'],
    project: { via: 'metric_id' },
    columns: {
      id,
      metric_id: ref('metrics', 'cascade'),
      period_start: date,
      period_end: date,
      value_c: summed(hundredths, 'metric_id'),
      source: longText,
      note: longText,
      ...stamps,
    },
    dateOrder: [['period_start', 'period_end']],
    unique: [{ columns: ['metric_id', 'period_start'], reason: 'duplicate_period' }],
  },
  {
    name: 'tracking_periods',
    since: 4,
    key: ['id'],
    project: 'project_id',
    columns: {
      id,
      project_id: project,
      cycle,
      start_date: date,
      end_date: date,
      closed_at: orNull(instant),
      progress_at_close: orNull(percentReal),
      ...stamps,
    },
    dateOrder: [['start_date', 'end_date']],
    unique: [{ columns: ['project_id', 'start_date'], reason: 'duplicate_period' }],
  },
  {
    name: 'module_snapshots',
    since: 4,
    key: ['period_id', 'module_id'],
    project: { via: 'period_id' },
    columns: {
      period_id: ref('tracking_periods', 'cascade'),
      // The module may have been deleted since (its snapshot outlives it): an id, not a reference.
      module_id: { ...id, mentions: 'modules' },
      name,
      owner_name: orNull(shortText),
      progress: percentReal,
      progress_override: orNull(percent),
      milestone: longText,
      summary: longText,
      issues: longText,
      suggestions: longText,
      result: longText,
      position,
      created_at: instant,
      open_issues: json('title_list', 1_000_000),
      adjustments: json('snapshot_adjustments', 1_000_000),
    },
    columnsSince: { open_issues: 6, adjustments: 6 },
  },
  {
    name: 'spend_entries',
    since: 4,
    key: ['id'],
    project: 'project_id',
    columns: {
      id,
      project_id: project,
      module_id: orNull(ref('modules', 'set_null')),
      task_id: orNull(ref('tasks', 'set_null')),
      spent_on: date,
      amount_fen: summed(fen),
      note: longText,
      ...stamps,
    },
  },
  {
    name: 'task_checkins',
    since: 4,
    key: ['id'],
    project: { via: 'task_id' },
    columns: {
      id,
      task_id: ref('tasks', 'cascade'),
      checkin_date: date,
      progress: percent,
      note: longText,
      ...stamps,
    },
  },
  // Steps 四 and 五 (migration 6).
  {
    name: 'project_identities',
    key: ['project_id', 'replica_id'],
    project: 'project_id',
    since: 6,
    columns: {
      project_id: project,
      replica_id: id,
      person_id: ref('people', 'cascade'),
      replica_name: shortText,
      updated_at: instant,
    },
  },
  {
    name: 'issues',
    key: ['id'],
    project: 'project_id',
    since: 6,
    columns: {
      id,
      project_id: project,
      reported_on: date,
      reporter_id: orNull(ref('people', 'set_null')),
      module_id: orNull(ref('modules', 'set_null')),
      task_id: orNull(ref('tasks', 'set_null')),
      category: shortText,
      title: name,
      impact: longText,
      support_needed: longText,
      severity: oneOf(ISSUE_SEVERITIES),
      owner_id: orNull(ref('people', 'set_null')),
      due_date: orNull(date),
      status: oneOf(ISSUE_STATUSES),
      resolution: longText,
      resolved_on: orNull(date),
      ...stamps,
    },
    dateOrder: [['reported_on', 'resolved_on']],
  },
  {
    name: 'feedback',
    key: ['id'],
    project: 'project_id',
    since: 6,
    columns: {
      id,
      project_id: project,
      source: oneOf(FEEDBACK_SOURCES),
      channel: shortText,
      received_on: date,
      content: longText,
      sentiment: orNull(oneOf(SENTIMENTS)),
      module_id: orNull(ref('modules', 'set_null')),
      task_id: orNull(ref('tasks', 'set_null')),
      metric_id: orNull(ref('metrics', 'set_null')),
      gap_key: orNull(shortText),
      target_c: orNull(hundredths),
      actual_c: orNull(hundredths),
      gap_pct: orNull(col({ type: 'real', min: -1e18, max: 1e18 })),
      ...stamps,
    },
    // A gap of the attention list becomes 数据反馈 once (rows without a gap key are not compared).
    unique: [{ columns: ['gap_key', 'project_id'], reason: 'duplicate_gap' }],
  },
  {
    name: 'root_causes',
    key: ['id'],
    project: 'project_id',
    since: 6,
    columns: { id, project_id: project, category: shortText, title: name, analysis: longText, ...stamps },
  },
  {
    name: 'adjustments',
    key: ['id'],
    project: 'project_id',
    since: 6,
    columns: {
      id,
      project_id: project,
      title: name,
      module_id: orNull(ref('modules', 'set_null')),
      proposer_id: orNull(ref('people', 'set_null')),
      owner_id: orNull(ref('people', 'set_null')),
      measures: longText,
      deadline: orNull(date),
      expected_metric_id: orNull(ref('metrics', 'set_null')),
      expected_value_c: orNull(hundredths),
      expected_by: orNull(date),
      status: adjustmentStatus,
      submitted_on: orNull(date),
      decision_comment: longText,
      decided_on: orNull(date),
      decided_by_id: orNull(ref('people', 'set_null')),
      decided_by_name: orNull(shortText),
      decided_replica_id: orNull(id),
      decided_replica_name: orNull(shortText),
      confirmed_replica_id: orNull(id),
      applied_on: orNull(date),
      applied_replica_id: orNull(id),
      actual_value_c: orNull(hundredths),
      evaluated_on: orNull(date),
      effect_note: longText,
      ...stamps,
    },
  },
  {
    name: 'adjustment_changes',
    key: ['id'],
    project: 'project_id',
    since: 6,
    columns: {
      id,
      project_id: project,
      adjustment_id: ref('adjustments', 'cascade'),
      position,
      kind: oneOf(CHANGE_KINDS),
      module_id: orNull(ref('modules', 'set_null')),
      task_id: orNull(ref('tasks', 'set_null')),
      metric_id: orNull(ref('metrics', 'set_null')),
      delta_fen: orNull(col({ type: 'fen', signed: true })),
      new_start: orNull(date),
      new_end: orNull(date),
      new_owner_id: orNull(ref('people', 'set_null')),
      new_target_c: orNull(hundredths),
      new_name: shortText,
      new_budget_fen: orNull(fen),
      before_fen: orNull(fen),
      before_start: orNull(date),
      before_end: orNull(date),
      before_owner_id: orNull(ref('people', 'set_null')),
      before_target_c: orNull(hundredths),
      created_task_id: orNull(ref('tasks', 'set_null')),
      ...stamps,
    },
    dateOrder: [['new_start', 'new_end']],
  },
  {
    name: 'adjustment_events',
    key: ['id'],
    project: 'project_id',
    since: 6,
    columns: {
      id,
      project_id: project,
      adjustment_id: ref('adjustments', 'cascade'),
      action: oneOf(ADJUSTMENT_ACTIONS),
      from_status: adjustmentStatus,
      to_status: adjustmentStatus,
      comment: longText,
      on_date: orNull(date),
      person_id: orNull(ref('people', 'set_null')),
      person_name: orNull(shortText),
      replica_id: id,
      replica_name: shortText,
      created_at: instant,
    },
    // The status trail keeps a change and its undoing ("the trail keeps both").
    appendOnlyUnder: 'adjustment_id',
  },
  linkTable('cause_issue_links', ['root_cause_id', 'root_causes'], ['issue_id', 'issues']),
  linkTable('cause_feedback_links', ['root_cause_id', 'root_causes'], ['feedback_id', 'feedback']),
  linkTable('adjustment_issue_links', ['adjustment_id', 'adjustments'], ['issue_id', 'issues']),
  linkTable('adjustment_feedback_links', ['adjustment_id', 'adjustments'], ['feedback_id', 'feedback']),
  linkTable('adjustment_cause_links', ['adjustment_id', 'adjustments'], ['root_cause_id', 'root_causes']),
  {
    name: 'lessons',
    key: ['id'],
    project: 'project_id',
    since: 7,
    columns: {
      id,
      project_id: project,
      kind: oneOf(LESSON_KINDS),
      text: col({ type: 'text', max: LESSON_TEXT_MAX, required: true }),
      channel: col({ type: 'text', max: LESSON_TAG_MAX }),
      audience: col({ type: 'text', max: LESSON_TAG_MAX }),
      tactic: col({ type: 'text', max: LESSON_TAG_MAX }),
      module_id: orNull(ref('modules', 'set_null')),
      position,
      ...stamps,
    },
  },
];

function whereOf(table: Described): string {
  if (table.project === 'id') return 'id = ?';
  if (table.project === 'project_id') return 'project_id = ?';
  const via = table.project.via;
  const parent = table.columns[via]?.references?.table;
  if (!parent) throw new Error(`${table.name}.${via} names no table`);
  return `${via} IN (SELECT id FROM ${parent} WHERE project_id = ?)`;
}

/** The project's tables, parents before children. */
export const PROJECT_TABLES: readonly TableDescription[] = DESCRIBED.map((t) => ({
  dateOrder: [],
  unique: [],
  undoable: true,
  merged: true,
  ...t,
  where: whereOf(t),
}));

/** Kept under the name sync/ and project-file/ have always used for one table's entry. */
export type ProjectTable = TableDescription;

export const PROJECT_TABLE_BY_NAME: ReadonlyMap<string, TableDescription> = new Map(
  PROJECT_TABLES.map((t) => [t.name, t]),
);

/** A column that names another row of the project through a foreign key (project_id aside). */
export interface Reference {
  table: string;
  column: string;
  parent: string;
  onDelete: OnDelete;
}

/**
 * How rows of a project refer to each other, besides naming their project: every foreign key
 * of the project's tables whose parent is not `projects`.
 */
export const REFERENCES: readonly Reference[] = PROJECT_TABLES.flatMap((t) =>
  Object.entries(t.columns).flatMap(([column, c]) =>
    c.references && c.references.table !== 'projects'
      ? [{ table: t.name, column, parent: c.references.table, onDelete: c.references.onDelete }]
      : [],
  ),
);

/** The tables an undo can restore, with their key columns. */
export const UNDOABLE_TABLES: readonly TableDescription[] = PROJECT_TABLES.filter((t) => t.undoable);

/** The tables a project file carries and a merge compares. */
export const MERGED_TABLES: readonly TableDescription[] = PROJECT_TABLES.filter((t) => t.merged);

/** Columns of a table holding the id of a row of the project: its own, its project's, references. */
export function idColumns(table: TableDescription): string[] {
  return Object.entries(table.columns)
    .filter(([column, c]) => (column === 'id' && c.type === 'id') || c.references || c.mentions)
    .map(([column]) => column);
}

/** The amounts whose totals the app keeps below MAX_TOTAL, with how each total is grouped. */
export const SUMMED_COLUMNS: readonly { table: TableDescription; column: string; per: string }[] =
  PROJECT_TABLES.flatMap((t) =>
    Object.entries(t.columns).flatMap(([column, c]) =>
      c.summed ? [{ table: t, column, per: c.summed.per }] : [],
    ),
  );
