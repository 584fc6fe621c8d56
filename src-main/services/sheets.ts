/** Table 1 and Table 2 as .xlsx/.csv files (exceljs): export, preview of an import, import. */
import { AppError } from '../shared/errors';
import type { Db } from './common';

// Implemented in the spreadsheet work; until then these channels answer 'internal'.
function pending(): never {
  throw new AppError({ code: 'internal', reason: 'not_built' });
}
export const exportSheet = (_db: Db, _input: unknown): never => pending();
export const previewSheet = (_db: Db, _input: unknown): never => pending();
export const importSheet = (_db: Db, _input: unknown): never => pending();
