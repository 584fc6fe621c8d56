/**
 * The file side of import and export in the renderer: a chosen file to base64 for the main
 * process, an exported file (base64) to a download, and the words for what the import refused.
 * A Blob with <a download> works the same in Electron (a save dialog) and in a browser.
 */
import type { TFunction } from 'i18next';
import type { AppErrorData } from '../../../src-main/shared/errors';
import { describeError } from '../../i18n/describe-error';

/** The main process refuses anything larger; saying so here spares sending 20 MB for nothing. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  // String.fromCharCode takes a bounded number of arguments: convert in slices.
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function downloadBase64(fileName: string, mime: string, base64: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started by now; the URL only has to outlive the click.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Words for a refusal of the import: the reasons only a spreadsheet has are worded in
 * sheets.reason, everything else (a bad date, progress 120 …) as for any edit.
 */
export function describeSheetError(t: TFunction, error: AppErrorData): string {
  const params = error.params ?? {};
  if (error.reason) {
    const key = error.reason === 'wrong_table' ? `wrong_table_${String(params.table)}` : error.reason;
    const text = t(`sheets.reason.${key}`, { ...params, defaultValue: '' });
    if (text) return text;
  }
  return describeError(t, error);
}
