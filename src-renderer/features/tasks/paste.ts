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
import type { PasteProblem, PasteRow } from '../../../src-main/shared/contract';
import type { Task } from '../../../src-main/shared/domain';
import { NAME_MAX } from '../../../src-main/shared/values';

// A paste's rows and problems have the contract's shapes: the main process lists its own
// problems the same way.
export type { PasteProblem, PasteRow } from '../../../src-main/shared/contract';

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

/** 张三、李四: the template wants exactly one owner per task. */
const SEVERAL = /[、,，;；]/;

export function buildPaste(
  block: readonly (readonly (string | undefined)[])[],
  target: PasteTarget,
  ctx: ParseContext,
): { rows: PasteRow[]; problems: PasteProblem[]; newPeople: string[] } {
  const rows: PasteRow[] = [];
  const problems: PasteProblem[] = [];
  const newPeople = new Set<string>();
  block.forEach((cells, r) => {
    const ref = r + 1;
    const task = target.rows[r];
    // Blank lines past the end of the table (Excel often copies one) add nothing.
    if (!task && cells.every((c) => (c ?? '').trim() === '')) return;
    const values: Record<string, unknown> = {};
    let ownerName: string | undefined;
    cells.forEach((text, c) => {
      // A field the block does not speak of on this row (a template block without a 里程碑 mark).
      if (text === undefined) return;
      const column = target.columns[c];
      if (column === undefined) {
        if (text.trim() !== '') problems.push({ ref, reason: 'outside_table' });
        return;
      }
      if (isTextField(column)) {
        const parsed = parseTaskCell(column, text, ctx);
        if (parsed.ok) values[column] = parsed.value;
        else if (
          column === 'ownerId' &&
          parsed.reason === 'unknown_person' &&
          !SEVERAL.test(text) &&
          text.trim().length <= NAME_MAX
        ) {
          // A colleague not in the team yet joins it with the paste, as with an import (the user confirms).
          ownerName = text.trim();
          newPeople.add(ownerName);
        } else if (column === 'ownerId' && SEVERAL.test(text))
          problems.push({ ref, field: column, reason: 'several_owners', params: { name: text.trim() } });
        else problems.push({ ref, field: column, reason: parsed.reason, params: parsed.params });
      } else if (column === 'code') {
        // IDs are given by the app: a new row gets the next one whatever the block says; pasting
        // a row back over itself is fine.
        if (task && text.trim() !== '' && text.trim() !== task.code)
          problems.push({ ref, field: column, reason: 'read_only' });
      } else if (column === 'status') {
        const status = target.statusOf(text.trim());
        if (status === 'blocked') values.blocked = true;
        else if (status === null && text.trim() !== '')
          problems.push({ ref, field: column, reason: 'unknown_status', params: { text } });
      } else if (text.trim() !== '') {
        problems.push({ ref, field: column, reason: 'read_only' });
      }
    });
    // A row past the end becomes a new task, which needs a name.
    if (!task && !values.name && !problems.some((p) => p.ref === ref && p.field === 'name')) {
      problems.push({ ref, field: 'name', reason: 'required' });
    }
    const owner = ownerName !== undefined ? { ownerName } : {};
    rows.push(task ? { ref, id: task.id, values, ...owner } : { ref, values, ...owner });
  });
  return { rows, problems, newPeople: [...newPeople] };
}
