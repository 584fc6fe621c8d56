/**
 * Delimited text — a .csv file, or the tab-separated block Excel and WPS put on the clipboard —
 * read into rows of cells by papaparse (RFC 4180: quoted fields holding delimiters, line breaks
 * and "" for a quote; a byte-order mark dropped). Shared by the sheet import (main) and the
 * grid's paste (renderer), so both read a cell the same way.
 */
import Papa from 'papaparse';

export interface DelimitedOptions {
  /** The separator: a tab on the clipboard; a file's is told by its first line (read-file.ts). */
  delimiter: string;
  /** Stop after this many rows (the caller refuses a file that has more). */
  maxRows?: number;
  /** Applied to every cell as it is read. */
  transform?: (cell: string) => string;
}

/**
 * Rows of cells. Line breaks are CRLF, LF or CR, mixed in one text too (papaparse takes one kind
 * per text, so they are made LF first; a line break inside a quoted cell is read as LF, as the
 * cell parser would make it anyway). An empty line is a row of one empty cell, so rows keep
 * their line numbers; the line break after the last row (Excel always adds one) is not a row.
 */
export function parseDelimited(text: string, options: DelimitedOptions): string[][] {
  if (text === '') return [];
  const normalized = text.replace(/\r\n?/g, '\n');
  const result = Papa.parse<string[]>(normalized, {
    delimiter: options.delimiter,
    newline: '\n',
    quoteChar: '"',
    escapeChar: '"',
    skipEmptyLines: false,
    ...(options.maxRows !== undefined ? { preview: options.maxRows } : {}),
    ...(options.transform ? { transform: options.transform } : {}),
  });
  const rows = result.data;
  const last = rows[rows.length - 1];
  const complete = !result.meta.truncated;
  if (complete && normalized.endsWith('\n') && last?.length === 1 && last[0] === '') rows.pop();
  return rows;
}
