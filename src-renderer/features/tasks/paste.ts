/**
 * Turns a block pasted from Excel/WPS into one paste request: cell (r, c) of the block lands on
 * the r-th displayed row and c-th displayed column from the focused cell; rows past the end
 * become new tasks. Every cell is parsed here with the shared parser; the main process then
 * checks each row like a single edit. Problems are reported per pasted row and column.
 */
import {
  parseTaskCell,
  TASK_TEXT_FIELDS,
  type ParseContext,
  type TaskTextField,
} from '../../../src-main/shared/cell-parse';
import type { Task, TaskPatch } from '../../../src-main/shared/domain';

/** One row of a paste as sent to the main process: onto an existing task (id) or a new one. */
export type PasteRow = { ref: number; id?: string; values: TaskPatch };

export interface PasteProblem {
  /** 1-based row of the pasted block. */
  ref: number;
  /** The grid column (its colId), when the problem is in a cell. */
  column?: string;
  reason: string;
  params?: Record<string, string | number>;
}

export interface PasteTarget {
  /** colIds of the displayed columns, from the focused one rightwards. */
  columns: readonly string[];
  /** Tasks on the displayed rows from the focused one downwards (shorter than the block: new rows). */
  rows: readonly Task[];
  /** The status column accepts its own words: which one means 受阻, and whether a word is a status. */
  statusOf(text: string): 'blocked' | 'other' | null;
}

const isTextField = (colId: string): colId is TaskTextField =>
  (TASK_TEXT_FIELDS as readonly string[]).includes(colId);

export function buildPaste(
  block: readonly (readonly string[])[],
  target: PasteTarget,
  ctx: ParseContext,
): { rows: PasteRow[]; problems: PasteProblem[] } {
  const rows: PasteRow[] = [];
  const problems: PasteProblem[] = [];
  block.forEach((cells, r) => {
    const ref = r + 1;
    const task = target.rows[r];
    // Blank lines past the end of the table (Excel often copies one) add nothing.
    if (!task && cells.every((c) => c.trim() === '')) return;
    const values: Record<string, unknown> = {};
    cells.forEach((text, c) => {
      const column = target.columns[c];
      if (column === undefined) {
        if (text.trim() !== '') problems.push({ ref, reason: 'outside_table' });
        return;
      }
      if (isTextField(column)) {
        const parsed = parseTaskCell(column, text, ctx);
        if (parsed.ok) values[column] = parsed.value;
        else problems.push({ ref, column, reason: parsed.reason, params: parsed.params });
      } else if (column === 'code') {
        // IDs are given by the app; pasting a row back over itself is fine.
        if (text.trim() !== '' && text.trim() !== task?.code)
          problems.push({ ref, column, reason: 'read_only' });
      } else if (column === 'status') {
        const status = target.statusOf(text.trim());
        if (status === 'blocked') values.blocked = true;
        else if (status === null && text.trim() !== '')
          problems.push({ ref, column, reason: 'unknown_status', params: { text } });
      } else if (text.trim() !== '') {
        problems.push({ ref, column, reason: 'read_only' });
      }
    });
    // A row past the end becomes a new task, which needs a name.
    if (!task && !values.name && !problems.some((p) => p.ref === ref && p.column === 'name')) {
      problems.push({ ref, column: 'name', reason: 'required' });
    }
    rows.push(task ? { ref, id: task.id, values } : { ref, values });
  });
  return { rows, problems };
}
