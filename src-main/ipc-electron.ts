/**
 * Registers one ipcMain handler per contract channel over the router. The router does the
 * parsing and the work; this adapter only refuses callers that are not our window.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { Router } from './router';
import { ipcChannelName } from './shared/exposed-api';

export function registerIpc(router: Router, isTrusted: (event: IpcMainInvokeEvent) => boolean): void {
  for (const channel of router.channels) {
    ipcMain.handle(ipcChannelName(channel), (event, payload: unknown) =>
      isTrusted(event) ? router.invokeAsync(channel, payload) : { ok: false, error: { code: 'forbidden' } },
    );
  }
}
