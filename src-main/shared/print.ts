/**
 * Printing a report to PDF in the Electron app: the page asks over one IPC channel with the
 * paper and a file name; the main process prints its own window with printToPDF (the engine
 * behind Chromium's page.pdf(), which the tests drive through the bridge) and saves where the
 * user chooses. The rules are here, as pure functions; main.ts and ipc-electron.ts only wire them.
 */
import { hasControlCharacter } from './values';

export const PRINT_TO_PDF_CHANNEL = 'shell:print-to-pdf';

export interface PrintRequest {
  pageSize: 'A4' | 'Letter';
  landscape: boolean;
  /** Suggested file name, without folder (e.g. "2024夏季新品推广 复盘报告"). */
  fileName: string;
}

const FILE_NAME_MAX = 200;

/** The request as a fresh object of the known shape, or null for anything else. */
export function parsePrintRequest(value: unknown): PrintRequest | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (Object.keys(v).some((k) => !['pageSize', 'landscape', 'fileName'].includes(k))) return null;
  if (v.pageSize !== 'A4' && v.pageSize !== 'Letter') return null;
  if (typeof v.landscape !== 'boolean') return null;
  if (typeof v.fileName !== 'string' || v.fileName.length > FILE_NAME_MAX || hasControlCharacter(v.fileName))
    return null;
  return { pageSize: v.pageSize, landscape: v.landscape, fileName: v.fileName };
}

/**
 * Options of webContents.printToPDF: the page's own @page rules (size, margins, running header
 * and footer) win, backgrounds print (status colours, table headers).
 */
export function printToPdfOptions(r: PrintRequest) {
  return { pageSize: r.pageSize, landscape: r.landscape, printBackground: true, preferCSSPageSize: true };
}

/** A safe file name ending in .pdf: no folder separators or characters Windows refuses. */
export function pdfFileName(name: string): string {
  const clean = name.replace(/[\\/:*?"<>|\p{Cc}]/gu, '_').trim() || 'report';
  return clean.toLowerCase().endsWith('.pdf') ? clean : `${clean}.pdf`;
}
