/**
 * Table 2's rows from a file into a project. Synchronous, inside the caller's transaction: every
 * row goes through the same service calls as an edit in the grid (createTask, updateTask,
 * createPerson) so it meets the same checks, and every refusal is collected as a problem of its
 * row and column instead of stopping at the first.
 */
import {
  milestoneFromText,
  parseTaskCell,
  parseTaskRow,
  splitResources,
  TASK_TEXT_FIELDS,
  type ParseContext,
  type TaskTextField,
} from '../../shared/cell-parse';
import { newTaskSchema } from '../../shared/domain';
import { findLoops, taskCode } from '../../shared/task-logic';
import { fenToYuanText, LONG_TEXT_MAX } from '../../shared/values';
import { belongsTo, invalid, type Db } from '../common';
import { listModules } from '../modules';
import { getProject } from '../projects';
import { createTask, listTasks, updateTask } from '../tasks';
import type { SheetData } from './grid';
import { dateOf, parsePeriodCell } from './period';
import { attempt, isKeepable, Problems } from './problems';
import { addMember, teamOf } from './team';
import { lacksYear, type YearContext } from './year';

export interface ImportOutcome {
  created: number;
  updated: number;
  newPeople: string[];
  /** The code each row got (tasks) or whether it updates a module of the same name (modules). */
  rowInfo: Map<number, { code?: string; action?: 'create' | 'update' }>;
  projectFields: { field: string; value: string }[];
  /** Whether some date of the file had no year and took the context's. */
  yearAssumed: boolean;
}

/** Codes above this are not kept: a typo such as M20240501 would otherwise push every later code past it. */
const MAX_KEPT_CODE = 99_999;

/** M7, M007, m007 → 7; null for anything that is not M followed by digits. */
function codeNumber(code: string): number | null {
  const m = /^M(\d{1,9})$/i.exec(code.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 ? n : null;
}

/** How a code in the file is matched: M-codes by their number (M7 is M007), others by their text. */
function codeKey(code: string): string | null {
  const text = code.trim();
  if (!text) return null;
  const n = codeNumber(text);
  return n !== null ? taskCode(n) : text.toUpperCase();
}

/** The codes of a 前置任务 cell, each written as its key, for the shared cell rule to look up. */
function keyedCodes(text: string, drop: ReadonlySet<string>): string {
  return text
    .split(/[\s,，、;；]+/)
    .filter(Boolean)
    .map((code) => codeKey(code) ?? code)
    .filter((key) => !drop.has(key))
    .join(',');
}

interface Row {
  ref: number;
  rawCode: string;
  texts: Partial<Record<TaskTextField, string>>;
  key: string | null;
  predecessors: string;
  parentText: string;
  ok: boolean;
  code?: string;
  children: Row[];
  fileParent: Row | null;
  existingParentId: string | null;
  id?: string;
  /** Cells kept as text ("负责人：张三、李四"), appended to the row's 备注. */
  keptNotes: string[];
}

export function importTaskRows(
  db: Db,
  projectId: string,
  data: SheetData,
  problems: Problems,
  yearContext: YearContext,
): ImportOutcome {
  getProject(db, projectId);
  const year = yearContext.value;
  let yearAssumed = false;
  /** A cell that cannot be read as its column's value: its text goes to 备注, the row imports. */
  const keep = (row: Row, field: string, reason: string, params?: Record<string, string | number>) => {
    const note = problems.keep(row.ref, field, reason, params);
    if (note) row.keptNotes.push(note);
  };

  const rows: Row[] = data.rows.map((sheetRow) => {
    const c = sheetRow.cells;
    const row: Row = {
      ref: sheetRow.ref,
      rawCode: (c.code ?? '').trim(),
      texts: {},
      key: codeKey(c.code ?? ''),
      predecessors: c.predecessorIds ?? '',
      parentText: (c.parentId ?? '').trim(),
      ok: true,
      children: [],
      fileParent: null,
      existingParentId: null,
      keptNotes: [],
    };
    for (const f of TASK_TEXT_FIELDS) {
      if (f !== 'predecessorIds' && c[f] !== undefined) row.texts[f] = c[f];
    }
    // A blank 当前进度 is a task not started yet (0), as when the task is added in the grid.
    if ((row.texts.progress ?? '').trim() === '') delete row.texts.progress;
    const blank = (f: TaskTextField) => (row.texts[f] ?? '').trim() === '';
    // The template's 起止时间 column, where there are no separate start/end values.
    if (c.period !== undefined && blank('start') && blank('end')) {
      const period = parsePeriodCell(c.period, year);
      if (period === null) keep(row, 'period', 'invalid_period', { text: c.period.trim() });
      else {
        if (lacksYear(c.period)) yearAssumed = true;
        row.texts.start = period.start ?? '';
        row.texts.end = period.end ?? '';
      }
    }
    // Dates of their own columns written without a year (5月1日, 5/1) take the context's.
    for (const f of ['start', 'end'] as const) {
      const text = row.texts[f] ?? '';
      if (!lacksYear(text)) continue;
      const date = dateOf(text.trim(), year);
      if (date) {
        row.texts[f] = date;
        yearAssumed = true;
      }
    }
    // The template's 所需资源(预算/人力/工具) column, as people write it: never refused.
    if (c.resources !== undefined && c.resources.trim() !== '') {
      const parts = splitResources(c.resources);
      if (blank('budgetFen') && parts.budgetFen !== null)
        row.texts.budgetFen = fenToYuanText(parts.budgetFen);
      if (blank('manpower') && parts.manpower) row.texts.manpower = parts.manpower;
      if (blank('tools') && parts.tools) row.texts.tools = parts.tools;
    }
    // No 里程碑 column (the template has none): a note saying 里程碑 or a ◆ marks the milestone.
    if (blank('milestone') && row.texts.name !== undefined) {
      const marked = milestoneFromText(row.texts.name, row.texts.notes ?? '');
      if (marked.milestone) {
        row.texts.milestone = '是';
        row.texts.name = marked.name;
      }
    }
    return row;
  });

  // Owners not in the team join it (as executors), before any row refers to them.
  const team = teamOf(db, projectId);
  for (const row of rows) {
    const owner = row.texts.ownerId ?? '';
    const refusal = addMember(db, projectId, team, owner, 'executor');
    if (refusal) {
      // Not one person (张三、李四): the text is kept in 备注 and the task has no owner yet.
      keep(row, 'ownerId', refusal.reason, refusal.params);
      delete row.texts.ownerId;
    }
  }

  // Codes: a row keeps its file's code when it is an M-code the project has never given out.
  const existing = listTasks(db, { projectId });
  const existingByKey = new Map(existing.map((t) => [t.code.toUpperCase(), t.id]));
  const seq = db.prepare('SELECT next_task_seq FROM projects WHERE id = ?').pluck().get(projectId) as number;
  const rowByKey = new Map<string, Row>();
  const kept = new Set<Row>();
  for (const row of rows) {
    if (!row.key) continue;
    if (rowByKey.has(row.key)) {
      problems.add(row.ref, 'code', 'duplicate_code', { code: row.rawCode });
      row.ok = false;
      continue;
    }
    rowByKey.set(row.key, row);
    const n = codeNumber(row.key);
    if (n !== null && n >= seq && n <= MAX_KEPT_CODE && !existingByKey.has(row.key)) kept.add(row);
  }
  let next = Math.max(seq, ...[...kept].map((r) => codeNumber(r.key!)! + 1));
  for (const row of rows) row.code = kept.has(row) ? row.key! : taskCode(next++);
  const finalSeq = next;

  // 上级任务: a code of this file first (the file is a plan of its own), else of the project.
  for (const row of rows) {
    if (!row.parentText) continue;
    const key = codeKey(row.parentText)!;
    const inFile = rowByKey.get(key);
    if (inFile) row.fileParent = inFile;
    else if (existingByKey.has(key)) row.existingParentId = existingByKey.get(key)!;
    else {
      problems.add(row.ref, 'parentId', 'unknown_task_code', { code: row.parentText });
      row.ok = false;
    }
  }
  // A row that is its own ancestor through the file would make the outline a loop: the row
  // where each loop was found is refused, and the loop broken there.
  const rowIndex = new Map(rows.map((r, i) => [r, i]));
  const parentOf = Int32Array.from(rows, (r) => (r.fileParent ? rowIndex.get(r.fileParent)! : -1));
  const self = Int32Array.from(rows, (_, i) => i);
  for (const loop of findLoops(rows.length, parentOf, self)) {
    const row = rows[loop[0]!]!;
    problems.add(row.ref, 'parentId', 'parent_cycle');
    row.ok = false;
    row.fileParent = null;
  }
  for (const row of rows) row.fileParent?.children.push(row);

  // Parents before their sub-tasks, each block in file order: the outline stays contiguous.
  const order: Row[] = [];
  const visit = (row: Row) => {
    order.push(row);
    row.children.forEach(visit);
  };
  rows.filter((r) => !r.fileParent).forEach(visit);

  const taskByCode = new Map(existingByKey);
  const ctx: ParseContext = {
    personByName: team.byName,
    moduleByName: new Map(
      listModules(db, { projectId })
        .reverse()
        .map((m) => [m.name.trim(), m.id]),
    ),
    taskByCode,
  };
  const setSeq = db.prepare('UPDATE projects SET next_task_seq = ? WHERE id = ?');
  const setParent = db.prepare('UPDATE tasks SET parent_id = ? WHERE id = ?');
  const underExisting = (row: Row): boolean => {
    for (let r: Row | null = row; r; r = r.fileParent) if (r.existingParentId) return true;
    return false;
  };
  for (const row of order) {
    const { patch, problems: cellProblems } = parseTaskRow(row.texts, ctx);
    for (const p of cellProblems) {
      if (isKeepable(p.field, p.reason)) keep(row, p.field, p.reason, p.params);
      else {
        problems.add(row.ref, p.field, p.reason, p.params);
        row.ok = false;
      }
    }
    if (row.keptNotes.length > 0) {
      const notes = [patch.notes ?? '', ...row.keptNotes].filter(Boolean).join('\n');
      patch.notes = notes.length > LONG_TEXT_MAX ? notes.slice(0, LONG_TEXT_MAX) : notes;
    }
    if (!row.ok) continue;
    // A sub-task of a refused row is still checked, as a top-level task.
    const parentId = row.fileParent ? (row.fileParent.id ?? null) : row.existingParentId;
    const values = newTaskSchema.safeParse({ ...patch, parentId });
    if (!values.success) {
      problems.addZod(row.ref, values.error);
      row.ok = false;
      continue;
    }
    // Rows under a task the project already has must go into that task's block, which the task
    // service finds. All other rows are appended parents first, so every block of the file stays
    // contiguous by itself, and the parent is linked afterwards: asking the service to place
    // each sub-task searches the outline once per row, which a file of 10,000 rows cannot afford.
    const appended = !underExisting(row);
    const { parentId: linkTo, ...rest } = values.data;
    // The task service gives out the project's next code: point it at this row's.
    setSeq.run(codeNumber(row.code!), projectId);
    row.ok = attempt(problems, row.ref, () => {
      row.id = createTask(db, { projectId, values: appended ? rest : values.data }).id;
      if (appended && linkTo) {
        // The same check as the service's: the parent is a task of this project.
        if (!belongsTo(db, 'tasks', linkTo, projectId))
          throw invalid(['values', 'parentId'], 'not_in_project');
        setParent.run(linkTo, row.id);
      }
    });
  }
  setSeq.run(finalSeq, projectId);

  // 前置任务 once every row exists, so a row may name one further down the file.
  const refused = new Set<string>();
  for (const row of rows) {
    if (row.id && row.key) taskByCode.set(row.key, row.id);
    else if (!row.id && row.key && rowByKey.get(row.key) === row) refused.add(row.key);
  }
  for (const row of rows) {
    if (row.predecessors.trim() === '') continue;
    // A refused row's codes are still looked up, so the list of problems is complete.
    const result = parseTaskCell('predecessorIds', keyedCodes(row.predecessors, refused), ctx);
    if (!result.ok) {
      problems.add(row.ref, 'predecessorIds', result.reason, result.params);
      continue;
    }
    const predecessorIds = result.value as string[];
    if (!row.id || predecessorIds.length === 0) continue;
    attempt(problems, row.ref, () => void updateTask(db, { id: row.id!, patch: { predecessorIds } }));
  }

  const rowInfo = new Map(rows.map((r) => [r.ref, { code: r.code }]));
  return {
    created: rows.filter((r) => r.id).length,
    updated: 0,
    newPeople: team.added,
    rowInfo,
    projectFields: [],
    yearAssumed,
  };
}
