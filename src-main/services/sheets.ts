/**
 * Table 1 and Table 2 as .xlsx/.csv files (exceljs): export, the preview of an import, import.
 *
 * Reading and writing an xlsx file is asynchronous while the database is synchronous, and a
 * better-sqlite3 transaction must never span an await. So the file is read first (async, no
 * database access), and every write then happens synchronously in one transaction: the import
 * hands the router a function that does the writes, which the router runs inside the undo
 * capture, making an import one undo step. The preview runs those very writes in a transaction
 * that is always rolled back, so it finds exactly the problems the import would.
 */
import type { Output } from '../shared/contract';
import { AppError } from '../shared/errors';
import { requireProject, type Db } from './common';
import { getProject } from './projects';
import type { SheetTable } from './sheets/columns';
import { readTable, type SheetData } from './sheets/grid';
import { importModuleRows } from './sheets/import-modules';
import { importTaskRows, type ImportOutcome } from './sheets/import-tasks';
import { Problems } from './sheets/problems';
import { decodeBase64, readFile } from './sheets/read-file';
import { yearContext, type YearContext } from './sheets/year';

export { exportSheet } from './sheets/export';

interface SheetFileInput {
  projectId: string;
  table: SheetTable;
  fileName: string;
  base64: string;
  year?: number;
  edits?: { ref: number; field: string; text: string }[];
  keepText?: boolean;
}

/** Rows shown in the preview (the count says how many there are). */
const PREVIEW_ROWS = 50;

async function readSheet(input: SheetFileInput): Promise<SheetData & { format: 'xlsx' | 'csv' }> {
  const file = await readFile(decodeBase64(input.base64));
  const data = readTable(file, input.table);
  if (data.rows.length === 0)
    throw new AppError({ code: 'invalid_input', path: ['base64'], reason: 'no_rows' });
  applyEdits(data, input.edits ?? []);
  return { ...data, format: file.format };
}

/** Cells corrected in the preview replace the file's text (of columns the file has). */
function applyEdits(data: SheetData, edits: { ref: number; field: string; text: string }[]): void {
  const fields = new Set(data.columns.flatMap((c) => (c.field ? [c.field] : [])));
  const byRef = new Map(data.rows.map((r) => [r.ref, r]));
  for (const edit of edits) {
    const row = byRef.get(edit.ref);
    if (!row || !fields.has(edit.field))
      throw new AppError({ code: 'invalid_input', path: ['edits'], reason: 'no_such_cell' });
    row.cells[edit.field] = edit.text;
  }
}

/** Every write of an import, synchronous; the caller provides the transaction. */
function applyRows(
  db: Db,
  input: SheetFileInput,
  data: SheetData,
): { outcome: ImportOutcome; problems: Problems; year: YearContext } {
  requireProject(db, input.projectId);
  const year = yearContext(data, input.fileName, getProject(db, input.projectId), input.year);
  const problems = new Problems(data);
  const outcome =
    data.table === 'tasks'
      ? importTaskRows(db, input.projectId, data, problems, year)
      : importModuleRows(db, input.projectId, data, problems, year);
  return { outcome, problems, year };
}

class RolledBack extends Error {}

/** Runs `fn` in a transaction that is always rolled back, and returns what it returned. */
function dryRun<T>(db: Db, fn: () => T): T {
  let result: { value: T } | null = null;
  try {
    db.transaction(() => {
      result = { value: fn() };
      throw new RolledBack();
    })();
  } catch (e) {
    if (!(e instanceof RolledBack)) throw e;
  }
  return result!.value;
}

export async function previewSheet(db: Db, input: SheetFileInput): Promise<Output<'sheets.preview'>> {
  requireProject(db, input.projectId);
  const data = await readSheet(input);
  const { outcome, problems, year } = dryRun(db, () => applyRows(db, input, data));
  return {
    format: data.format,
    sheetName: data.sheetName,
    columns: data.columns.map((c) => ({ header: c.header, field: c.field })),
    rows: data.rows
      .slice(0, PREVIEW_ROWS)
      .map((r) => ({ ref: r.ref, cells: r.cells, ...outcome.rowInfo.get(r.ref) })),
    problems: problems.list,
    problemCount: problems.count,
    blockingCount: problems.blocking,
    year: outcome.yearAssumed ? year : null,
    newPeople: outcome.newPeople,
    projectFields: outcome.projectFields,
    total: data.rows.length,
  };
}

/**
 * Reads the file, then answers with the writes for the router to run in its undo-capturing
 * transaction. All or nothing over the rows: a row that would break the plan refuses the whole
 * import (reason import_rejected, with the problems), and so do cells that cannot be read as their
 * column's value unless the user chose to keep them as text (keepText); the transaction leaves
 * the database as it was.
 */
export async function prepareImport(db: Db, input: SheetFileInput): Promise<() => Output<'sheets.import'>> {
  requireProject(db, input.projectId);
  const data = await readSheet(input);
  // Its own transaction too (a savepoint inside the router's), so it is all or nothing wherever it runs.
  return db.transaction(() => {
    const { outcome, problems } = applyRows(db, input, data);
    problems.throwIfAny(input.keepText === true);
    return { created: outcome.created, updated: outcome.updated, newPeople: outcome.newPeople };
  });
}
