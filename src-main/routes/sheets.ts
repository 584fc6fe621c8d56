/** Spreadsheets (.xlsx/.csv): export and preview read; an import is one undoable write. */
import { exportSheet, prepareImport, previewSheet } from '../services/sheets';
import { exportFollowUpSheet } from '../services/sheets/export-follow-up';
import { inProject, readAsync, undoable, writeAsync, type In, type RouteTable } from './route';

const done =
  <T>(value: T) =>
  () =>
    value;

export const sheetRoutes = {
  'sheets.export': readAsync(async (db, i: In<'sheets.export'>) =>
    done(
      i.table === 'tasks' || i.table === 'modules'
        ? await exportSheet(db, { ...i, table: i.table })
        : await exportFollowUpSheet(db, { ...i, table: i.table }),
    ),
  ),
  'sheets.preview': readAsync(async (db, i: In<'sheets.preview'>) => done(await previewSheet(db, i))),
  // Refused before the spreadsheet is read, and again in the write's transaction.
  'sheets.import': undoable(writeAsync(prepareImport, { writes: inProject })),
} satisfies Partial<RouteTable>;
