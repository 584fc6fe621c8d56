/**
 * Tab-separated text as Excel and WPS put it on the clipboard: rows end with CRLF (or LF), a cell
 * holding a tab, a quote or a line break is quoted with doubled quotes inside. The trailing line
 * break Excel adds after the last row is not an empty row. Read by papaparse, as .csv files are.
 */
import { parseDelimited } from '../../../src-main/shared/delimited-text';

export function parseTsv(text: string): string[][] {
  return parseDelimited(text, { delimiter: '\t' });
}

/** The reverse, for copying rows out to Excel/WPS. */
export function toTsv(rows: readonly (readonly string[])[]): string {
  const quote = (cell: string) => (/[\t\r\n"]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return rows.map((r) => r.map(quote).join('\t')).join('\r\n');
}
