/**
 * Runs in the sandboxed preload: exposes `window.api.invoke` for the contract's channels only.
 * No generic ipcRenderer passthrough: an unknown channel never reaches the main process.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { isChannel } from './shared/channels';
import { ipcChannelName, type ExposedApi } from './shared/exposed-api';

const api: ExposedApi = {
  invoke(channel, payload) {
    if (!isChannel(channel)) return Promise.resolve({ ok: false, error: { code: 'unknown_channel' } });
    return ipcRenderer.invoke(ipcChannelName(channel), payload);
  },
};

contextBridge.exposeInMainWorld('api', api);
