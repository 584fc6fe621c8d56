/**
 * Reads a spreadsheet file (the bytes the renderer sent) into a grid of raw cells: .xlsx through
 * exceljs, .csv/.txt through an RFC 4180 reader (papaparse). The kind of file is told by its bytes, not its
 * name, so a renamed file is read for what it is and anything else is refused with a reason.
 */
import type ExcelJS from 'exceljs';
import { parseDelimited } from '../../shared/delimited-text';
import { AppError } from '../../shared/errors';

// exceljs is loaded on the first spreadsheet, not at start: requiring it took longer than
// starting the whole main process otherwise (see BENCHMARKS.md, Main process start).
const loadExcel = () => import('exceljs').then((m) => m.default);

/** At most 20 MB and 100,000 data rows: beyond that a campaign plan is not what is being read. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_ROWS = 100_000;

/** One cell as the file holds it; xlsx cells keep their number format (dates, percentages). */
export interface RawCell {
  value: string | number | boolean | Date | null;
  numFmt?: string;
}

export interface RawSheet {
  name: string;
  /** rows[i] is the file's row i + 1; cells[j] its column j + 1 (sparse rows are filled with null). */
  rows: RawCell[][];
}

export interface RawFile {
  format: 'xlsx' | 'csv';
  sheets: RawSheet[];
}

const refuse = (reason: string, params?: Record<string, string | number>): AppError =>
  new AppError({ code: 'invalid_input', path: ['base64'], reason, params });

export function decodeBase64(base64: string): Buffer {
  // Buffer.from ignores characters outside the alphabet; a payload with any is not our renderer's.
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw refuse('unreadable_file');
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > MAX_FILE_BYTES) throw refuse('file_too_large', { limit: 20 });
  return bytes;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // .xls / .et of old Excel and WPS

const startsWith = (bytes: Buffer, magic: number[]) => magic.every((b, i) => bytes[i] === b);

export async function readFile(bytes: Buffer): Promise<RawFile> {
  if (bytes.length === 0) throw refuse('empty_file');
  if (startsWith(bytes, ZIP)) return { format: 'xlsx', sheets: await readXlsx(bytes) };
  if (startsWith(bytes, OLE2)) throw refuse('old_excel_format');
  const text = decodeText(bytes);
  if (text === null) throw refuse('unreadable_file');
  if (text.trim() === '') throw refuse('empty_file');
  return {
    format: 'csv',
    sheets: [{ name: '', rows: parseCsv(text).map((r) => r.map((value) => ({ value }))) }],
  };
}

// ---- xlsx ----

async function readXlsx(bytes: Buffer): Promise<RawSheet[]> {
  const { Workbook } = await loadExcel();
  const workbook = new Workbook();
  try {
    // exceljs's typings predate Node's generic Buffer; the bytes are a plain Buffer.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    // A damaged zip, or a zip that is not a workbook (a .docx, an archive …).
    throw refuse('unreadable_file');
  }
  const sheets: RawSheet[] = [];
  for (const sheet of workbook.worksheets) {
    if (sheet.state !== 'visible' && sheet.state !== undefined) continue;
    const rows: RawCell[][] = [];
    let kept = 0;
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (++kept > MAX_ROWS + 50) throw refuse('too_many_rows', { limit: MAX_ROWS });
      const cells: RawCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const value = plainValue(cell.value);
        if (value === null) return;
        while (cells.length < col - 1) cells.push({ value: null });
        cells[col - 1] = { value, numFmt: cell.numFmt || undefined };
      });
      while (rows.length < rowNumber - 1) rows.push([]);
      rows[rowNumber - 1] = cells;
    });
    sheets.push({ name: sheet.name, rows });
  }
  if (sheets.length === 0) throw refuse('unreadable_file');
  return sheets;
}

/** A cell's value reduced to text, number, boolean or date: formulas give their result. */
function plainValue(value: ExcelJS.CellValue): RawCell['value'] {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    return result === undefined ? null : plainValue(result as ExcelJS.CellValue);
  }
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : plainValue(value.text);
  return null;
}

// ---- csv ----

/**
 * The file's text: UTF-8 (with or without BOM), UTF-16 with a BOM, or — what Excel and WPS on a
 * Chinese Windows save as "CSV (逗号分隔)" — GB18030. Null for bytes that are not text at all.
 */
function decodeText(bytes: Buffer): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decode('utf-8', bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decode('utf-16le', bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decode('utf-16be', bytes.subarray(2));
  // NUL bytes do not occur in text of these encodings: this is some binary file.
  if (bytes.subarray(0, 8192).includes(0)) return null;
  const text = decode('utf-8', bytes) ?? decode('gb18030', bytes);
  // Control characters other than tab and line ends mean binary data that happened to decode.
  if (text === null || hasControlCharacters(text.slice(0, 8192))) return null;
  return text;
}

function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x0b) || c === 0x7f)
      return true;
  }
  return false;
}

function decode(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Our export puts an apostrophe before =, +, - or @ so Excel does not run the cell as a formula. */
const FORMULA_GUARD = /^'+[=+\-@\t\r]/;

/**
 * The separator of the first line that is not blank: comma, or tab/semicolon when the file uses
 * those instead. (papaparse's own guess needs several rows alike, and a plan's title row or a
 * two-row file defeats it.)
 */
function delimiterOf(text: string): string {
  const firstLine = text.split(/\r\n|\n|\r/).find((line) => line.trim() !== '') ?? '';
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const candidates = [',', '\t', ';'].map((ch) => [ch, count(ch)] as const);
  const best = candidates.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

/**
 * RFC 4180 through papaparse (shared/delimited-text.ts), with the separator of delimiterOf:
 * quoted fields holding separators, line breaks and "" for a quote; CRLF, LF or
 * CR. The apostrophe our export puts before a formula-like cell is taken off again.
 */
export function parseCsv(text: string): string[][] {
  const rows = parseDelimited(text, {
    delimiter: delimiterOf(text),
    maxRows: MAX_ROWS + 51,
    transform: (cell) => (FORMULA_GUARD.test(cell) ? cell.slice(1) : cell),
  });
  if (rows.length > MAX_ROWS + 50) throw refuse('too_many_rows', { limit: MAX_ROWS });
  return rows;
}
