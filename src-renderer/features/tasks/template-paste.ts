/**
 * A block copied from a sheet in the template's own layout. The template's Table 2 has one
 * 起止时间 column and one 所需资源(预算/人力/工具) column where this grid has two and three, so such
 * a block pasted cell by cell lands shifted. When the block carries headers the importer knows
 * (the template's, ours, English ones), or has the template's nine columns with dates in the
 * fifth, it is mapped by field as the importer maps a file: periods split, resources read as
 * people write them, a note 里程碑 or a ◆ marks the milestone, codes left to the app.
 */
import {
  milestoneFromText,
  parseDateInYear,
  parsePeriodText,
  splitResources,
  TASK_TEXT_FIELDS,
  type TaskTextField,
} from '../../../src-main/shared/cell-parse';
import { columnFor } from '../../../src-main/shared/sheet-columns';
import { fenToYuanText } from '../../../src-main/shared/values';

/** The template's Table 2, in its order: 任务ID … 备注(风险/依赖). */
export const TEMPLATE_TASK_FIELDS = [
  'code',
  'name',
  'deliverable',
  'ownerId',
  'period',
  'resources',
  'criteria',
  'progress',
  'notes',
] as const;

export interface BlockLayout {
  /** The field each column of the block feeds (null: not one of ours). */
  fields: (string | null)[];
  /** The first row is the headers, not a task. */
  header: boolean;
}

const CODE = /^[A-Za-z]{0,4}\d{1,6}$/;
const dateIn = parseDateInYear;

/** 起止时间: "5月1日-5月10日", "2024-05-01~2024-05-31" or one date (a one-day task). */
function periodIn(text: string, year: number): { start: string; end: string } | null {
  const t = text.trim();
  const both = parsePeriodText(t, year);
  if (both) return both;
  const one = dateIn(t, year);
  return one ? { start: one, end: one } : null;
}

/** How the block is laid out, or null when it is to be pasted cell by cell onto the grid. */
export function blockLayout(block: readonly (readonly string[])[], year: number): BlockLayout | null {
  const first = block[0] ?? [];
  const seen = new Set<string>();
  const fields = first.map((cell) => {
    const field = cell.trim() ? (columnFor('tasks', cell)?.field ?? null) : null;
    if (!field || seen.has(field)) return null;
    seen.add(field);
    return field;
  });
  if (seen.has('name') && seen.size >= 2) return { fields, header: true };

  // No headers: the template's nine columns, told by a code-or-blank first column and dates in the fifth.
  if (block.length === 0 || !block.every((row) => row.length === TEMPLATE_TASK_FIELDS.length)) return null;
  if (!block.every((row) => row[0]!.trim() === '' || CODE.test(row[0]!.trim()))) return null;
  const periods = block.map((row) => row[4]!.trim()).filter(Boolean);
  if (periods.length === 0 || periods.filter((p) => periodIn(p, year)).length * 2 < periods.length)
    return null;
  return { fields: [...TEMPLATE_TASK_FIELDS], header: false };
}

/**
 * The block as rows of the grid's own text fields (undefined: the row leaves that field alone),
 * ready for the cell-by-cell paste.
 */
export function mapBlock(
  block: readonly (readonly string[])[],
  layout: BlockLayout,
  year: number,
): { columns: TaskTextField[]; rows: (string | undefined)[][] } {
  const data = layout.header ? block.slice(1) : block;
  const at = (field: string) => layout.fields.indexOf(field);
  const has = (field: string) => at(field) >= 0;
  const rows = data.map((cells) => {
    const text = (field: string) => (has(field) ? (cells[at(field)] ?? '') : undefined);
    const out: Partial<Record<TaskTextField, string>> = {};
    for (const f of TASK_TEXT_FIELDS) {
      const t = text(f);
      if (t !== undefined) out[f] = t;
    }
    const period = text('period');
    if (period !== undefined && out.start === undefined && out.end === undefined) {
      const found = period.trim() ? periodIn(period, year) : { start: '', end: '' };
      // An unreadable period is reported on 开始, with its text.
      out.start = found ? found.start : period;
      out.end = found ? found.end : '';
    }
    for (const f of ['start', 'end'] as const) {
      const t = out[f];
      if (t && !/\d{4}/.test(t)) out[f] = dateIn(t, year) ?? t;
    }
    // 所需资源 is the row's whole budget, people and tools (blank parts clear them), unless the
    // block has columns of their own for them.
    const resources = text('resources');
    if (resources !== undefined) {
      const parts = splitResources(resources);
      out.budgetFen ??= parts.budgetFen === null ? '' : fenToYuanText(parts.budgetFen);
      out.manpower ??= parts.manpower;
      out.tools ??= parts.tools;
    }
    // A blank 当前进度 leaves the progress as it is (a new task starts at 0), as an import reads it.
    if (out.progress !== undefined && out.progress.trim() === '') delete out.progress;
    if (!has('milestone') && out.name !== undefined) {
      const marked = milestoneFromText(out.name, out.notes ?? '');
      if (marked.milestone) {
        out.milestone = 'yes';
        out.name = marked.name;
      }
    }
    return out;
  });
  const columns = TASK_TEXT_FIELDS.filter((f) => rows.some((r) => r[f] !== undefined));
  return { columns, rows: rows.map((r) => columns.map((f) => r[f])) };
}
