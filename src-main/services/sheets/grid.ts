/**
 * From raw cells to the rows of a table: finds the header row (a template may put a title and a
 * note above it), maps its columns to fields by header, and turns each cell into the text the
 * shared cell rules (src-main/shared/cell-parse.ts) read — the same rules as a paste from
 * Excel/WPS, so import and paste accept and refuse the same things. Knows nothing of the database.
 */
import { AppError } from '../../shared/errors';
import { fenToYuanText } from '../../shared/values';
import { COLUMNS, columnFor, isWanHeader, KEY_FIELD, type CellKind, type SheetTable } from './columns';
import { MAX_ROWS, type RawCell, type RawFile, type RawSheet } from './read-file';

export interface MappedColumn {
  /** 0-based column index in the file. */
  index: number;
  header: string;
  /** The field it feeds, or null when it is not one of ours (or repeats a column already mapped). */
  field: string | null;
  kind: CellKind;
  /** A budget column in 万元. */
  wan: boolean;
}

export interface SheetRow {
  /** Row number in the file (the header row has its own number; the first row is 1). */
  ref: number;
  /** Text per field, for the mapped columns only. */
  cells: Record<string, string>;
}

export interface SheetData {
  table: SheetTable;
  sheetName: string;
  columns: MappedColumn[];
  rows: SheetRow[];
  /** Text above the header row (a title such as "2023夏季新品推广 执行任务拆解表") and the sheet's name: where a year may be written. */
  titles: string[];
}

const refuse = (reason: string, params?: Record<string, string | number>): AppError =>
  new AppError({ code: 'invalid_input', path: ['base64'], reason, params });

/**
 * Cells that alone do not make a row: a task code a template numbered in advance, and Table 1's
 * strategy cells, which a merged range may carry down past the last module.
 */
const NOT_CONTENT: Record<SheetTable, ReadonlySet<string>> = {
  tasks: new Set(['code']),
  modules: new Set(['strategy', 'goal', 'owner', 'period']),
};

/** Header rows are looked for among the first rows only. */
const HEADER_SCAN = 30;

function mapHeader(table: SheetTable, cells: RawCell[]): MappedColumn[] {
  const seen = new Set<string>();
  return cells.flatMap((cell, index) => {
    const header = cell.value === null ? '' : String(cell.value instanceof Date ? '' : cell.value).trim();
    if (!header) return [];
    const spec = columnFor(table, header);
    const field = spec && !seen.has(spec.field) ? spec.field : null;
    if (field) seen.add(field);
    return [
      { index, header, field, kind: spec?.kind ?? 'text', wan: field === 'budgetFen' && isWanHeader(header) },
    ];
  });
}

/** The row that names most of our columns, including the key column; null if there is none. */
function findHeader(table: SheetTable, sheet: RawSheet): { at: number; columns: MappedColumn[] } | null {
  let best: { at: number; columns: MappedColumn[]; score: number } | null = null;
  for (let at = 0; at < Math.min(sheet.rows.length, HEADER_SCAN); at++) {
    const columns = mapHeader(table, sheet.rows[at] ?? []);
    const fields = columns.filter((c) => c.field !== null);
    if (!fields.some((c) => c.field === KEY_FIELD[table])) continue;
    // Table 2 names its module column too (Module / 模块): a header with a task name is never Table 1's.
    if (
      table === 'modules' &&
      mapHeader('tasks', sheet.rows[at] ?? []).some((c) => c.field === KEY_FIELD.tasks)
    ) {
      continue;
    }
    if (!best || fields.length > best.score) best = { at, columns, score: fields.length };
  }
  return best;
}

/**
 * The table in the file: the first sheet with a recognisable header. A file whose header is
 * Table 1's when Table 2 was asked for (or the other way round) is told apart from one with no
 * header we know, so the message can say which table it is.
 */
export function readTable(file: RawFile, table: SheetTable): SheetData {
  for (const sheet of file.sheets) {
    const found = findHeader(table, sheet);
    if (!found) continue;
    const rows: SheetRow[] = [];
    for (let r = found.at + 1; r < sheet.rows.length; r++) {
      const cells: Record<string, string> = {};
      let blank = true;
      for (const column of found.columns) {
        if (!column.field) continue;
        const raw = sheet.rows[r]?.[column.index];
        const text = raw ? cellText(raw, column.kind) : '';
        if (text.trim() !== '' && !NOT_CONTENT[table].has(column.field)) blank = false;
        cells[column.field] = column.wan && /^\s*\d+(\.\d+)?\s*$/.test(text) ? `${text.trim()}万` : text;
      }
      // Blank lines inside or below the table are spacing, not rows; so are the numbered but
      // empty rows a template prepares (M008, M009 … with nothing else).
      if (blank) continue;
      rows.push({ ref: r + 1, cells });
      if (rows.length > MAX_ROWS) throw refuse('too_many_rows', { limit: MAX_ROWS });
    }
    const titles = [
      ...sheet.rows
        .slice(0, found.at)
        .flat()
        .map((c) => (typeof c.value === 'string' ? c.value.trim() : ''))
        .filter(Boolean),
      ...(sheet.name ? [sheet.name] : []),
    ];
    return { table, sheetName: sheet.name, columns: found.columns, rows, titles };
  }
  const other: SheetTable = table === 'tasks' ? 'modules' : 'tasks';
  if (file.sheets.some((s) => findHeader(other, s))) throw refuse('wrong_table', { table: other });
  throw refuse('no_header', { expected: expectedHeaders(table) });
}

function expectedHeaders(table: SheetTable): string {
  return COLUMNS[table]
    .filter((c) => c.header)
    .slice(0, 4)
    .map((c) => c.header!['zh-CN'])
    .join(', ');
}

// ---- cells to text ----

const pad = (n: number) => String(n).padStart(2, '0');

/** A date cell as YYYY-MM-DD. exceljs reads a date serial as that day at UTC midnight, so the UTC getters give the calendar date back unshifted. */
export function isoOfDate(d: Date): string {
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Whether an xlsx number format scales by 100 (a real %, not one in quotes or escaped). */
export function isPercentFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  return numFmt
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .includes('%');
}

function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const plain = numFmt
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
  return /[yd]/i.test(plain) || /m.*d|d.*m/i.test(plain);
}

/** Excel's day 0 is 1899-12-30 (the 1900 leap-year bug included); a serial is that many days on. */
function dateOfSerial(serial: number): Date {
  return new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
}

/** A whole number when a float from a spreadsheet is one but for rounding noise (0.6 × 100). */
function nearInteger(x: number): number | null {
  const r = Math.round(x);
  return Math.abs(x - r) < 1e-9 ? r : null;
}

/**
 * The text a cell stands for, given what its column holds. Text cells pass through unchanged;
 * typed xlsx cells are written the way a user would type them: dates as YYYY-MM-DD, amounts with
 * two decimals, a 60% cell as "60", TRUE as "是"; the cell rules then parse that text.
 */
export function cellText(cell: RawCell, kind: CellKind): string {
  const { value, numFmt } = cell;
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return isoOfDate(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (!Number.isFinite(value)) return String(value);
  switch (kind) {
    case 'date':
    case 'period':
      // A date that lost its format reads as its serial number (1954 … 2119 are plausible).
      if (isDateFormat(numFmt) || (Number.isInteger(value) && value >= 20_000 && value <= 80_000)) {
        return isoOfDate(dateOfSerial(value));
      }
      return String(value);
    case 'money': {
      // Binary floats of a spreadsheet: 12345.67 is 12345.670000000000073; cents are what was meant.
      const fen = nearInteger(value * 100);
      return fen !== null && fen >= 0 ? fenToYuanText(fen) : String(value);
    }
    case 'percent': {
      if (!isPercentFormat(numFmt)) return String(value);
      const percent = nearInteger(value * 100);
      return percent !== null ? String(percent) : String(value * 100);
    }
    default:
      return String(value);
  }
}
