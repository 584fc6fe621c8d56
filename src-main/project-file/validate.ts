/**
 * The last check of a project file someone sent, after the container checks of read.ts (size,
 * header, schema, pages, row counts): do its rows keep the app's rules? The schema's constraints
 * cannot say that 2024-02-30 is not a date, that a name has no NUL in it, that an owner is on the
 * team or that predecessors form no loop; and a file can be built by hand: quick_check on a
 * read-only connection evaluates no CHECK constraint, and a row slipped past a UNIQUE index or a
 * foreign key passes it. So every column is checked against its rules (migrations.ts, with the
 * value rules of shared/values.ts), every CHECK, UNIQUE and foreign key of the schema included,
 * then the references between rows are followed inside the bundle.
 *
 * Text is data: right-to-left scripts, emoji, quotes, "<script>" or "'; DROP TABLE" are all
 * accepted as they are and stored byte for byte, since the app never executes what it stores.
 * Only C0 control characters other than tab and line breaks are refused: they have no place
 * in a plan and would confuse the grid, the clipboard and the spreadsheet export.
 */
import { z } from 'zod';
import { PERSON_ROLES, PROJECT_STATUSES } from '../shared/domain';
import { LESSON_KINDS, LESSON_TAG_MAX, LESSON_TEXT_MAX } from '../shared/lessons';
import {
  ADJUSTMENT_ACTIONS,
  ADJUSTMENT_STATUSES,
  CHANGE_KINDS,
  FEEDBACK_SOURCES,
  ISSUE_SEVERITIES,
  ISSUE_STATUSES,
  LIST_MAX_ITEMS,
  SENTIMENTS,
} from '../shared/feedback';
import { AppError, type ErrorParams } from '../shared/errors';
import {
  AGGREGATIONS,
  CYCLES,
  DIRECTIONS,
  hundredths as hundredthsSchema,
  METRIC_KINDS,
} from '../shared/tracking';
import { LONG_TEXT_MAX, NAME_MAX, progressProblem, textRuleProblem } from '../shared/limits';
import { fen as fenSchema, MAX_TOTAL, isIsoDate, MAX_FEN } from '../shared/values';
import { PROJECT_TABLE_BY_NAME, PROJECT_TABLES, type ProjectTable } from '../sync/project-tables';
import { ROW_CREATED } from '../sync/versions';
import type { ProjectBundle, Row } from './format';

/** Problems listed in the error; a hostile file could otherwise make the list as large as itself. */
export const MAX_PROBLEMS = 50;

export interface ContentProblem {
  path: (string | number)[];
  reason: string;
  params?: ErrorParams;
}

// ---- Values: each a check returning null when the value keeps the rule, else the problem ----

interface Fault {
  reason: string;
  params?: ErrorParams;
}
type Check = (value: unknown) => Fault | null;

// The checks are plain functions rather than zod schemas: zod took 75 ms for 10,000 tasks,
// more than the whole import may spend on validation. The rules are those of shared/values.ts.
const UUID = z.regexes.uuid(); // what `id` (z.uuid()) accepts
const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
/** Task codes as tasks.ts makes them (M001, M002 …), a label never reused within a project. */
const TASK_CODE = /^M\d{3,15}$/;

const fault = (reason: string, params?: ErrorParams): Fault => (params ? { reason, params } : { reason });
const notText = fault('invalid_type', { expected: 'string' });
const notInteger = fault('invalid_type', { expected: 'int' });
const notNumber = fault('invalid_type', { expected: 'number' });

function text(max: number, { required = false } = {}): Check {
  return (v) => {
    if (typeof v !== 'string') return notText;
    const broken = textRuleProblem(v, max);
    if (broken) return broken;
    if (required && v.trim().length === 0) return REQUIRED;
    return null;
  };
}
const REQUIRED = fault('required');

function pattern(re: RegExp, reason = 'invalid_format'): Check {
  const wrong = fault(reason);
  return (v) => (typeof v !== 'string' ? notText : re.test(v) ? null : wrong);
}

function integer(min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): Check {
  const small = fault('too_small', { limit: min });
  const big = fault('too_big', { limit: max });
  return (v) =>
    !Number.isSafeInteger(v) ? notInteger : (v as number) < min ? small : (v as number) > max ? big : null;
}

function real(min: number, max: number): Check {
  const small = fault('too_small', { limit: min });
  const big = fault('too_big', { limit: max });
  return (v) =>
    typeof v !== 'number' || !Number.isFinite(v) ? notNumber : v < min ? small : v > max ? big : null;
}

function oneOf(values: readonly unknown[]): Check {
  const wrong = fault('invalid_value');
  return (v) => (values.includes(v) ? null : wrong);
}

const nullable =
  (check: Check): Check =>
  (v) =>
    v === null ? null : check(v);

const invalidDate = fault('invalid_date');
const id = pattern(UUID);
const longText = text(LONG_TEXT_MAX);
const shortText = text(NAME_MAX);
/** A name as the app stores it: 1 to NAME_MAX characters, not only spaces. */
const nameText = text(NAME_MAX, { required: true });
/** isIsoDate builds a Date; a plan repeats the same few hundred dates, so answers are kept. */
const knownDates = new Map<string, boolean>();
const date: Check = (v) => {
  if (typeof v !== 'string') return notText;
  let ok = knownDates.get(v);
  if (ok === undefined) {
    ok = isIsoDate(v);
    if (v.length === 10) {
      if (knownDates.size >= 50_000) knownDates.clear();
      knownDates.set(v, ok);
    }
  }
  return ok ? null : invalidDate;
};
/** An instant as nowStamp() writes it (UTC ISO); not interpreted beyond display and ordering. */
const stamp = pattern(STAMP);
const flag = oneOf([0, 1]);
const position = integer();
const bounds = (schema: z.ZodNumber) => integer(schema.minValue ?? undefined, schema.maxValue ?? undefined);
const percent: Check = (v) => (typeof v !== 'number' ? notInteger : progressProblem(v));
const percentReal = real(0, 100);
const fen = bounds(fenSchema);
const hundredths = bounds(hundredthsSchema);
const cycle = oneOf(CYCLES);

const adjustmentStatus = oneOf(ADJUSTMENT_STATUSES);

/** A JSON text holding what `inner` accepts (a list of the project's names, a snapshot's titles …). */
function json(inner: (parsed: unknown) => boolean, max = LONG_TEXT_MAX): Check {
  const wrong = fault('invalid_format');
  const base = text(max);
  return (v) => {
    const f = base(v);
    if (f) return f;
    try {
      return inner(JSON.parse(v as string)) ? null : wrong;
    } catch {
      return wrong;
    }
  };
}
const isName = (x: unknown) => typeof x === 'string' && nameText(x) === null;
/** A project's editable list: distinct names. */
const nameList = json(
  (p) => Array.isArray(p) && p.length <= LIST_MAX_ITEMS && p.every(isName) && new Set(p).size === p.length,
);
/** A snapshot's open issues: their titles. */
const titleList = json((p) => Array.isArray(p) && p.every(isName), 1_000_000);
/** A snapshot's adjustments: title and status of each. */
const snapshotAdjustments = json(
  (p) =>
    Array.isArray(p) &&
    p.every(
      (a) =>
        typeof a === 'object' &&
        a !== null &&
        !Array.isArray(a) &&
        Object.keys(a).length === 2 &&
        isName((a as { title?: unknown }).title) &&
        (ADJUSTMENT_STATUSES as readonly unknown[]).includes((a as { status?: unknown }).status),
    ),
  1_000_000,
);

// ---- One spec per table: its columns as migrations.ts creates them ----

type Columns = Readonly<Record<string, Check>>;

const TABLE_COLUMNS: Readonly<Record<string, Columns>> = {
  projects: {
    id,
    name: nameText,
    goal: longText,
    owner_id: nullable(id),
    start_date: nullable(date),
    end_date: nullable(date),
    status: oneOf(PROJECT_STATUSES),
    actions: longText,
    audience: longText,
    budget_fen: nullable(fen),
    manpower: longText,
    channels: longText,
    expected_outcome: longText,
    next_task_seq: integer(1),
    created_at: stamp,
    updated_at: stamp,
    tracking_cycle: cycle,
    gap_threshold: percent,
    issue_categories: nullable(nameList),
    feedback_channels: nullable(nameList),
    cause_categories: nullable(nameList),
    major_budget_pct: nullable(percent),
    major_end_date: flag,
    major_goal_target: flag,
  },
  people: {
    id,
    project_id: id,
    name: nameText,
    role: oneOf(PERSON_ROLES),
    group_name: longText,
    reports_to_id: nullable(id),
    position,
    created_at: stamp,
    updated_at: stamp,
  },
  modules: {
    id,
    project_id: id,
    name: nameText,
    owner_id: nullable(id),
    progress_override: nullable(percent),
    milestone: longText,
    summary: longText,
    issues: longText,
    suggestions: longText,
    result: longText,
    position,
    created_at: stamp,
    updated_at: stamp,
    budget_fen: nullable(fen),
  },
  tasks: {
    id,
    project_id: id,
    code: pattern(TASK_CODE),
    name: nameText,
    deliverable: longText,
    owner_id: nullable(id),
    start_date: nullable(date),
    end_date: nullable(date),
    budget_fen: nullable(fen),
    manpower: longText,
    tools: longText,
    criteria: longText,
    progress: percent,
    notes: longText,
    module_id: nullable(id),
    parent_id: nullable(id),
    position,
    created_at: stamp,
    updated_at: stamp,
    milestone: flag,
    blocked: flag,
    tracking_cycle: nullable(cycle),
  },
  task_links: { predecessor_id: id, successor_id: id },
  metrics: {
    id,
    project_id: id,
    module_id: nullable(id),
    task_id: nullable(id),
    name: nameText,
    preset: nullable(shortText),
    unit: shortText,
    kind: oneOf(METRIC_KINDS),
    direction: oneOf(DIRECTIONS),
    aggregation: oneOf(AGGREGATIONS),
    baseline_c: nullable(hundredths),
    target_c: nullable(hundredths),
    start_date: nullable(date),
    target_date: nullable(date),
    cycle,
    funnel_stage: nullable(integer(1, 20)),
    goal_linked: flag,
    position,
    created_at: stamp,
    updated_at: stamp,
  },
  metric_actuals: {
    id,
    metric_id: id,
    period_start: date,
    period_end: date,
    value_c: hundredths,
    source: longText,
    note: longText,
    created_at: stamp,
    updated_at: stamp,
  },
  tracking_periods: {
    id,
    project_id: id,
    cycle,
    start_date: date,
    end_date: date,
    closed_at: nullable(stamp),
    progress_at_close: nullable(percentReal),
    created_at: stamp,
    updated_at: stamp,
  },
  module_snapshots: {
    period_id: id,
    // The module may have been deleted since (its snapshot outlives it): an id, not a reference.
    module_id: id,
    name: nameText,
    owner_name: nullable(shortText),
    progress: percentReal,
    progress_override: nullable(percent),
    milestone: longText,
    summary: longText,
    issues: longText,
    suggestions: longText,
    result: longText,
    position,
    created_at: stamp,
    open_issues: titleList,
    adjustments: snapshotAdjustments,
  },
  spend_entries: {
    id,
    project_id: id,
    module_id: nullable(id),
    task_id: nullable(id),
    spent_on: date,
    amount_fen: fen,
    note: longText,
    created_at: stamp,
    updated_at: stamp,
  },
  task_checkins: {
    id,
    task_id: id,
    checkin_date: date,
    progress: percent,
    note: longText,
    created_at: stamp,
    updated_at: stamp,
  },
  lessons: {
    id,
    project_id: id,
    kind: oneOf(LESSON_KINDS),
    text: text(LESSON_TEXT_MAX, { required: true }),
    channel: text(LESSON_TAG_MAX),
    audience: text(LESSON_TAG_MAX),
    tactic: text(LESSON_TAG_MAX),
    module_id: nullable(id),
    position,
    created_at: stamp,
    updated_at: stamp,
  },
  project_identities: {
    project_id: id,
    replica_id: id,
    person_id: id,
    replica_name: shortText,
    updated_at: stamp,
  },
  issues: {
    id,
    project_id: id,
    reported_on: date,
    reporter_id: nullable(id),
    module_id: nullable(id),
    task_id: nullable(id),
    category: shortText,
    title: nameText,
    impact: longText,
    support_needed: longText,
    severity: oneOf(ISSUE_SEVERITIES),
    owner_id: nullable(id),
    due_date: nullable(date),
    status: oneOf(ISSUE_STATUSES),
    resolution: longText,
    resolved_on: nullable(date),
    created_at: stamp,
    updated_at: stamp,
  },
  feedback: {
    id,
    project_id: id,
    source: oneOf(FEEDBACK_SOURCES),
    channel: shortText,
    received_on: date,
    content: longText,
    sentiment: nullable(oneOf(SENTIMENTS)),
    module_id: nullable(id),
    task_id: nullable(id),
    metric_id: nullable(id),
    gap_key: nullable(shortText),
    target_c: nullable(hundredths),
    actual_c: nullable(hundredths),
    gap_pct: nullable(real(-1e18, 1e18)),
    created_at: stamp,
    updated_at: stamp,
  },
  root_causes: {
    id,
    project_id: id,
    category: shortText,
    title: nameText,
    analysis: longText,
    created_at: stamp,
    updated_at: stamp,
  },
  adjustments: {
    id,
    project_id: id,
    title: nameText,
    module_id: nullable(id),
    proposer_id: nullable(id),
    owner_id: nullable(id),
    measures: longText,
    deadline: nullable(date),
    expected_metric_id: nullable(id),
    expected_value_c: nullable(hundredths),
    expected_by: nullable(date),
    status: adjustmentStatus,
    submitted_on: nullable(date),
    decision_comment: longText,
    decided_on: nullable(date),
    decided_by_id: nullable(id),
    decided_by_name: nullable(shortText),
    decided_replica_id: nullable(id),
    decided_replica_name: nullable(shortText),
    confirmed_replica_id: nullable(id),
    applied_on: nullable(date),
    applied_replica_id: nullable(id),
    actual_value_c: nullable(hundredths),
    evaluated_on: nullable(date),
    effect_note: longText,
    created_at: stamp,
    updated_at: stamp,
  },
  adjustment_changes: {
    id,
    project_id: id,
    adjustment_id: id,
    position,
    kind: oneOf(CHANGE_KINDS),
    module_id: nullable(id),
    task_id: nullable(id),
    metric_id: nullable(id),
    delta_fen: nullable(integer(-MAX_FEN, MAX_FEN)),
    new_start: nullable(date),
    new_end: nullable(date),
    new_owner_id: nullable(id),
    new_target_c: nullable(hundredths),
    new_name: shortText,
    new_budget_fen: nullable(fen),
    before_fen: nullable(fen),
    before_start: nullable(date),
    before_end: nullable(date),
    before_owner_id: nullable(id),
    before_target_c: nullable(hundredths),
    created_task_id: nullable(id),
    created_at: stamp,
    updated_at: stamp,
  },
  adjustment_events: {
    id,
    project_id: id,
    adjustment_id: id,
    action: oneOf(ADJUSTMENT_ACTIONS),
    from_status: adjustmentStatus,
    to_status: adjustmentStatus,
    comment: longText,
    on_date: nullable(date),
    person_id: nullable(id),
    person_name: nullable(shortText),
    replica_id: id,
    replica_name: shortText,
    created_at: stamp,
  },
  cause_issue_links: { project_id: id, root_cause_id: id, issue_id: id },
  cause_feedback_links: { project_id: id, root_cause_id: id, feedback_id: id },
  adjustment_issue_links: { project_id: id, adjustment_id: id, issue_id: id },
  adjustment_feedback_links: { project_id: id, adjustment_id: id, feedback_id: id },
  adjustment_cause_links: { project_id: id, adjustment_id: id, root_cause_id: id },
};

/** The columns of each project table, as this module expects them (a test compares them with the schema). */
export const EXPECTED_COLUMNS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(TABLE_COLUMNS).map(([table, columns]) => [table, Object.keys(columns)]),
);

const tableName = oneOf(PROJECT_TABLES.map((t) => t.name));
/** A field version's base is the JSON of a text value at most; escaping can make it 6× longer. */
const baseJson = text(6 * LONG_TEXT_MAX + 2);

const VERSION_COLUMNS = {
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

const INFO_COLUMNS: Columns = {
  projectId: id,
  exportedAt: stamp,
  exporterId: id,
  exporterName: shortText,
  appVersion: shortText,
  format: integer(1),
};

// ---- Collecting problems ----

class Problems {
  readonly list: ContentProblem[] = [];

  get full(): boolean {
    return this.list.length >= MAX_PROBLEMS;
  }

  add(path: (string | number)[], reason: string, params?: ErrorParams): void {
    if (this.full) return;
    this.list.push(params ? { path, reason, params } : { path, reason });
  }
}

/** A table's columns as parallel lists, for the hot loop over rows. */
interface Spec {
  names: readonly string[];
  checks: readonly Check[];
}
const specOf = (columns: Columns): Spec => ({ names: Object.keys(columns), checks: Object.values(columns) });

/**
 * Checks one row (or the info object) against its columns. Every column must be there; other
 * keys are looked for only when asked, on the first row of a table: the rows of one table come
 * from one SELECT and share their keys (and read.ts has compared the schema with ours).
 */
function checkRow(
  problems: Problems,
  path: () => (string | number)[],
  row: unknown,
  spec: Spec,
  keys: boolean,
) {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    problems.add(path(), 'invalid_type', { expected: 'object' });
    return;
  }
  const record = row as Record<string, unknown>;
  const { names, checks } = spec;
  for (let c = 0; c < names.length; c++) {
    const value = record[names[c]!];
    const f = value === undefined ? REQUIRED : checks[c]!(value);
    if (f) problems.add([...path(), names[c]!], f.reason, f.params);
  }
  if (keys) {
    const extra = Object.keys(record).filter((k) => !names.includes(k));
    if (extra.length > 0) problems.add(path(), 'unrecognized_keys', { keys: extra.join(', ').slice(0, 200) });
  }
}

/** Checks every row of a list. */
function checkRows(problems: Problems, name: string, rows: unknown, columns: Columns): void {
  if (!Array.isArray(rows)) {
    problems.add([name], 'required');
    return;
  }
  const spec = specOf(columns);
  for (let i = 0; i < rows.length && !problems.full; i++) {
    checkRow(problems, () => [name, i], rows[i], spec, i === 0);
  }
}

// ---- Rules between rows ----
// Ids are resolved once to row indexes; the loop searches then run over typed arrays. (Maps of
// id strings cost as much as every other check together on 10,000 tasks.)

/** The index of a row's target in its table: NONE when the column is empty, MISSING when it names no row. */
const NONE = -1;
const MISSING = -2;

/** Every column that names another row of the project (module_snapshots.module_id on purpose not). */
const REFERENCES: readonly { table: string; column: string; target: string }[] = [
  { table: 'projects', column: 'owner_id', target: 'people' },
  { table: 'people', column: 'reports_to_id', target: 'people' },
  { table: 'modules', column: 'owner_id', target: 'people' },
  { table: 'tasks', column: 'owner_id', target: 'people' },
  { table: 'tasks', column: 'module_id', target: 'modules' },
  { table: 'tasks', column: 'parent_id', target: 'tasks' },
  { table: 'task_links', column: 'predecessor_id', target: 'tasks' },
  { table: 'task_links', column: 'successor_id', target: 'tasks' },
  { table: 'metrics', column: 'module_id', target: 'modules' },
  { table: 'metrics', column: 'task_id', target: 'tasks' },
  { table: 'metric_actuals', column: 'metric_id', target: 'metrics' },
  { table: 'module_snapshots', column: 'period_id', target: 'tracking_periods' },
  { table: 'spend_entries', column: 'module_id', target: 'modules' },
  { table: 'spend_entries', column: 'task_id', target: 'tasks' },
  { table: 'task_checkins', column: 'task_id', target: 'tasks' },
  { table: 'lessons', column: 'module_id', target: 'modules' },
  { table: 'project_identities', column: 'person_id', target: 'people' },
  { table: 'issues', column: 'reporter_id', target: 'people' },
  { table: 'issues', column: 'module_id', target: 'modules' },
  { table: 'issues', column: 'task_id', target: 'tasks' },
  { table: 'issues', column: 'owner_id', target: 'people' },
  { table: 'feedback', column: 'module_id', target: 'modules' },
  { table: 'feedback', column: 'task_id', target: 'tasks' },
  { table: 'feedback', column: 'metric_id', target: 'metrics' },
  { table: 'adjustments', column: 'module_id', target: 'modules' },
  { table: 'adjustments', column: 'proposer_id', target: 'people' },
  { table: 'adjustments', column: 'owner_id', target: 'people' },
  { table: 'adjustments', column: 'expected_metric_id', target: 'metrics' },
  { table: 'adjustments', column: 'decided_by_id', target: 'people' },
  { table: 'adjustment_changes', column: 'adjustment_id', target: 'adjustments' },
  { table: 'adjustment_changes', column: 'module_id', target: 'modules' },
  { table: 'adjustment_changes', column: 'task_id', target: 'tasks' },
  { table: 'adjustment_changes', column: 'metric_id', target: 'metrics' },
  { table: 'adjustment_changes', column: 'new_owner_id', target: 'people' },
  { table: 'adjustment_changes', column: 'before_owner_id', target: 'people' },
  { table: 'adjustment_changes', column: 'created_task_id', target: 'tasks' },
  { table: 'adjustment_events', column: 'adjustment_id', target: 'adjustments' },
  { table: 'adjustment_events', column: 'person_id', target: 'people' },
  { table: 'cause_issue_links', column: 'root_cause_id', target: 'root_causes' },
  { table: 'cause_issue_links', column: 'issue_id', target: 'issues' },
  { table: 'cause_feedback_links', column: 'root_cause_id', target: 'root_causes' },
  { table: 'cause_feedback_links', column: 'feedback_id', target: 'feedback' },
  { table: 'adjustment_issue_links', column: 'adjustment_id', target: 'adjustments' },
  { table: 'adjustment_issue_links', column: 'issue_id', target: 'issues' },
  { table: 'adjustment_feedback_links', column: 'adjustment_id', target: 'adjustments' },
  { table: 'adjustment_feedback_links', column: 'feedback_id', target: 'feedback' },
  { table: 'adjustment_cause_links', column: 'adjustment_id', target: 'adjustments' },
  { table: 'adjustment_cause_links', column: 'root_cause_id', target: 'root_causes' },
];

/** Pairs of dates where the second may not come before the first. */
const DATE_ORDER: readonly [string, string, string][] = [
  ['projects', 'start_date', 'end_date'],
  ['tasks', 'start_date', 'end_date'],
  ['metrics', 'start_date', 'target_date'],
  ['metric_actuals', 'period_start', 'period_end'],
  ['tracking_periods', 'start_date', 'end_date'],
  ['issues', 'reported_on', 'resolved_on'],
  ['adjustment_changes', 'new_start', 'new_end'],
];

/**
 * Columns UNIQUE in the schema besides the primary key, the reason a repeat is given, and
 * whether a column may be NULL (as in SQLite, a NULL is never equal to another: not compared).
 */
const UNIQUE: readonly [string, readonly string[], string, boolean?][] = [
  ['tasks', ['code'], 'duplicate_code'],
  ['metric_actuals', ['metric_id', 'period_start'], 'duplicate_period'],
  ['tracking_periods', ['start_date'], 'duplicate_period'],
  ['feedback', ['gap_key'], 'duplicate_gap', true],
];

const TABLES_WITH_PROJECT_ID = Object.entries(TABLE_COLUMNS)
  .filter(([, columns]) => 'project_id' in columns)
  .map(([name]) => name);

const rowsOf = (bundle: ProjectBundle, table: string): readonly Row[] => bundle.tables[table] ?? [];

function checkProject(problems: Problems, bundle: ProjectBundle, projectId: string): void {
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

/** Each table's key → row index (one-column keys); a key seen twice is reported. */
function indexKeys(problems: Problems, bundle: ProjectBundle): Map<string, Map<string, number>> {
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
  for (const [table, columns, reason, nullable] of UNIQUE) {
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

/** Resolves every reference to a row index (NONE, MISSING); keyed "table.column". */
function resolveReferences(
  problems: Problems,
  bundle: ProjectBundle,
  indexes: Map<string, Map<string, number>>,
): Map<string, Int32Array> {
  const resolved = new Map<string, Int32Array>();
  for (const ref of REFERENCES) {
    const targets = indexes.get(ref.target)!;
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
        problems.add([ref.table, i, ref.column], 'dangling_reference', { table: ref.target });
      } else to[i] = target;
    }
    resolved.set(`${ref.table}.${ref.column}`, to);
  }
  return resolved;
}

/**
 * The totals the app keeps below MAX_TOTAL (services/totals.ts): the project's task budgets, its
 * spend, each metric's recorded values. Amounts are already known to be integers within bounds.
 */
function checkTotalsOf(problems: Problems, bundle: ProjectBundle): void {
  const add = (table: string, column: string, group: (row: Row) => unknown) => {
    const totals = new Map<unknown, number>();
    for (const row of rowsOf(bundle, table)) {
      const value = row[column];
      if (typeof value !== 'number') continue;
      const key = group(row);
      const total = (totals.get(key) ?? 0) + Math.abs(value);
      totals.set(key, total);
      if (total > MAX_TOTAL) return problems.add([table, column], 'total_too_large', { limit: MAX_TOTAL });
    }
  };
  add('tasks', 'budget_fen', () => null);
  add('spend_entries', 'amount_fen', () => null);
  add('metric_actuals', 'value_c', (row) => row.metric_id);
}

function checkRowRules(problems: Problems, bundle: ProjectBundle): void {
  for (const [table, startColumn, endColumn] of DATE_ORDER) {
    const rows = rowsOf(bundle, table);
    for (let i = 0; i < rows.length; i++) {
      const start = rows[i]![startColumn] as string | null;
      const end = rows[i]![endColumn] as string | null;
      if (start !== null && end !== null && end < start) {
        problems.add([table, i, endColumn], 'end_before_start', { start, end });
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

/**
 * A loop along `next` (at most one per row: a parent, a manager), reported at the row where the
 * walk that found it came back to itself.
 */
function checkChains(problems: Problems, table: string, column: string, next: Int32Array): void {
  // 0: not visited; 1: on the current walk; 2: known to end without a loop (or reported).
  const state = new Uint8Array(next.length);
  const walk: number[] = [];
  for (let start = 0; start < next.length && !problems.full; start++) {
    if (state[start] !== 0) continue;
    walk.length = 0;
    let node = start;
    while (node >= 0 && state[node] === 0) {
      state[node] = 1;
      walk.push(node);
      node = next[node]!;
    }
    if (node >= 0 && state[node] === 1) problems.add([table, node, column], 'cycle');
    for (const n of walk) state[n] = 2;
  }
}

/** A loop among predecessor links: what no topological order can place, reported once per loop found. */
function checkLinkCycles(problems: Problems, from: Int32Array, to: Int32Array, tasks: number): void {
  // Links as adjacency lists in flat arrays (links out of each task, links into each task).
  const outStart = new Int32Array(tasks + 1);
  const inStart = new Int32Array(tasks + 1);
  for (let l = 0; l < from.length; l++) {
    if (from[l]! < 0 || to[l]! < 0) continue;
    outStart[from[l]! + 1]!++;
    inStart[to[l]! + 1]!++;
  }
  for (let t = 0; t < tasks; t++) {
    outStart[t + 1]! += outStart[t]!;
    inStart[t + 1]! += inStart[t]!;
  }
  const outLinks = new Int32Array(outStart[tasks]!);
  const inLinks = new Int32Array(inStart[tasks]!);
  const outFill = outStart.slice(0, tasks);
  const inFill = inStart.slice(0, tasks);
  for (let l = 0; l < from.length; l++) {
    if (from[l]! < 0 || to[l]! < 0) continue;
    outLinks[outFill[from[l]!]!++] = l;
    inLinks[inFill[to[l]!]!++] = l;
  }
  // Kahn: what remains after removing every task without predecessors lies on or after a loop.
  const inDegree = new Int32Array(tasks);
  for (let t = 0; t < tasks; t++) inDegree[t] = inStart[t + 1]! - inStart[t]!;
  const ready: number[] = [];
  for (let t = 0; t < tasks; t++) if (inDegree[t] === 0) ready.push(t);
  const removed = new Uint8Array(tasks);
  while (ready.length > 0) {
    const t = ready.pop()!;
    removed[t] = 1;
    for (let k = outStart[t]!; k < outStart[t + 1]!; k++) {
      const s = to[outLinks[k]!]!;
      if (--inDegree[s]! === 0) ready.push(s);
    }
  }
  // Each remaining task has a remaining predecessor: walking back along them must close a loop.
  const seen = new Uint8Array(tasks); // 1: on the current walk, 2: done
  const via = new Int32Array(tasks); // the link walked back along from each task
  for (let start = 0; start < tasks && !problems.full; start++) {
    if (removed[start] || seen[start]) continue;
    const walk: number[] = [];
    let t = start;
    while (seen[t] === 0) {
      seen[t] = 1;
      walk.push(t);
      let back = -1;
      for (let k = inStart[t]!; k < inStart[t + 1]! && back < 0; k++) {
        if (!removed[from[inLinks[k]!]!]) back = inLinks[k]!;
      }
      via[t] = back;
      t = from[back]!;
    }
    if (seen[t] === 1) problems.add(['task_links', via[t]!, 'predecessor_id'], 'cycle');
    for (const n of walk) seen[n] = 2;
  }
}

/** The columns a field version may name: the table's own, or '*' for the row's creation. */
function checkVersionRows(problems: Problems, bundle: ProjectBundle, projectId: string): void {
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
        if (field !== ROW_CREATED && !(field in TABLE_COLUMNS[table.name]!)) {
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

/** Every problem of a bundle's content (at most MAX_PROBLEMS), empty when it keeps every rule. */
export function contentProblems(bundle: ProjectBundle): ContentProblem[] {
  const problems = new Problems();
  checkRow(problems, () => ['info'], bundle.info, specOf(INFO_COLUMNS), true);
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
  checkTotalsOf(problems, bundle);
  checkChains(problems, 'tasks', 'parent_id', refs.get('tasks.parent_id')!);
  checkChains(problems, 'people', 'reports_to_id', refs.get('people.reports_to_id')!);
  const tasks = rowsOf(bundle, 'tasks').length;
  checkLinkCycles(
    problems,
    refs.get('task_links.predecessor_id')!,
    refs.get('task_links.successor_id')!,
    tasks,
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
