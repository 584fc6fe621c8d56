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
import type { SheetTable } from './sheets/columns';
import { readTable, type SheetData } from './sheets/grid';
import { importModuleRows } from './sheets/import-modules';
import { importTaskRows, type ImportOutcome } from './sheets/import-tasks';
import { Problems } from './sheets/problems';
import { decodeBase64, readFile } from './sheets/read-file';

export { exportSheet } from './sheets/export';

interface SheetFileInput {
  projectId: string;
  table: SheetTable;
  fileName: string;
  base64: string;
}

/** Rows shown in the preview (the count says how many there are). */
const PREVIEW_ROWS = 50;

async function readSheet(input: SheetFileInput): Promise<SheetData & { format: 'xlsx' | 'csv' }> {
  const file = await readFile(decodeBase64(input.base64));
  const data = readTable(file, input.table);
  if (data.rows.length === 0)
    throw new AppError({ code: 'invalid_input', path: ['base64'], reason: 'no_rows' });
  return { ...data, format: file.format };
}

/** Every write of an import, synchronous; the caller provides the transaction. */
function applyRows(
  db: Db,
  projectId: string,
  data: SheetData,
): { outcome: ImportOutcome; problems: Problems } {
  requireProject(db, projectId);
  const problems = new Problems(data);
  const outcome =
    data.table === 'tasks'
      ? importTaskRows(db, projectId, data, problems)
      : importModuleRows(db, projectId, data, problems);
  return { outcome, problems };
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
  const { outcome, problems } = dryRun(db, () => applyRows(db, input.projectId, data));
  return {
    format: data.format,
    sheetName: data.sheetName,
    columns: data.columns.map((c) => ({ header: c.header, field: c.field })),
    rows: data.rows
      .slice(0, PREVIEW_ROWS)
      .map((r) => ({ ref: r.ref, cells: r.cells, ...outcome.rowInfo.get(r.ref) })),
    problems: problems.list,
    problemCount: problems.count,
    newPeople: outcome.newPeople,
    projectFields: outcome.projectFields,
    total: data.rows.length,
  };
}

/**
 * Reads the file, then answers with the writes for the router to run in its undo-capturing
 * transaction. All or nothing: any problem refuses the whole import (reason import_rejected,
 * with the problems), and the transaction leaves the database as it was.
 */
export async function prepareImport(db: Db, input: SheetFileInput): Promise<() => Output<'sheets.import'>> {
  requireProject(db, input.projectId);
  const data = await readSheet(input);
  // Its own transaction too (a savepoint inside the router's), so it is all or nothing wherever it runs.
  return db.transaction(() => {
    const { outcome, problems } = applyRows(db, input.projectId, data);
    problems.throwIfAny();
    return { created: outcome.created, updated: outcome.updated, newPeople: outcome.newPeople };
  });
}
