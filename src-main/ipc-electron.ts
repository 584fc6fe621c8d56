/**
 * Registers one ipcMain handler per contract channel over the router. The router does the
 * parsing and the work; this adapter only refuses callers that are not our window.
 */
import { writeFile } from 'node:fs/promises';
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { Router } from './router';
import { ipcChannelName } from './shared/exposed-api';
import { parsePrintRequest, pdfFileName, printToPdfOptions, PRINT_TO_PDF_CHANNEL } from './shared/print';

export function registerIpc(router: Router, isTrusted: (event: IpcMainInvokeEvent) => boolean): void {
  for (const channel of router.channels) {
    ipcMain.handle(ipcChannelName(channel), (event, payload: unknown) =>
      isTrusted(event) ? router.invokeAsync(channel, payload) : { ok: false, error: { code: 'forbidden' } },
    );
  }
}

/**
 * Print to PDF: the window that asks is printed (its print preview's report, see the page's
 * print CSS) after the user has chosen where to save; cancelling the dialog prints nothing.
 */
export function registerPrint(
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
  choosePdfPath: (suggestedName: string) => Promise<string | null>,
): void {
  ipcMain.handle(PRINT_TO_PDF_CHANNEL, async (event, payload: unknown) => {
    if (!isTrusted(event)) return { ok: false, error: { code: 'forbidden' } };
    const request = parsePrintRequest(payload);
    if (!request) return { ok: false, error: { code: 'invalid_input' } };
    const path = await choosePdfPath(pdfFileName(request.fileName));
    if (!path) return { ok: true, value: { path: null } };
    try {
      const pdf = await event.sender.printToPDF(printToPdfOptions(request));
      await writeFile(path, pdf);
      return { ok: true, value: { path } };
    } catch (e) {
      console.error('print to PDF failed', e);
      return { ok: false, error: { code: 'export_failed', reason: 'print_failed' } };
    }
  });
}
