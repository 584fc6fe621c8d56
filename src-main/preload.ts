/**
 * Runs in the sandboxed preload: exposes `window.api.invoke` for the contract's channels only.
 * No generic ipcRenderer passthrough: an unknown channel never reaches the main process.
 * `window.api.onEvent` passes on what the main process tells the page by itself (a file opened
 * from the OS, a menu command, export progress, a restore), each message checked against the
 * known shapes first.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { isChannel } from './shared/channels';
import { ipcChannelName, type ExposedApi } from './shared/exposed-api';
import { EVENT_CHANNEL, parseAppEvent, type AppEvent } from './shared/events';
import { parsePrintRequest, PRINT_TO_PDF_CHANNEL } from './shared/print';

/** Events that arrive before the page subscribes (it does so once React has mounted) wait here. */
const EARLY_EVENTS_MAX = 20;
const subscribers = new Set<{ callback: (event: AppEvent) => void }>();
const earlyEvents: AppEvent[] = [];

function deliver(event: AppEvent) {
  for (const subscriber of [...subscribers]) {
    try {
      subscriber.callback(event);
    } catch (e) {
      console.error('event handler failed', e);
    }
  }
}

ipcRenderer.on(EVENT_CHANNEL, (_event, payload: unknown) => {
  const event = parseAppEvent(payload);
  if (!event) return;
  if (subscribers.size > 0) deliver(event);
  // What the shell saw waits for the page; progress nobody watches is of no use later.
  else if (event.type !== 'export-progress' && earlyEvents.length < EARLY_EVENTS_MAX) earlyEvents.push(event);
});

const api: ExposedApi = {
  invoke(channel, payload) {
    if (!isChannel(channel)) return Promise.resolve({ ok: false, error: { code: 'unknown_channel' } });
    return ipcRenderer.invoke(ipcChannelName(channel), payload);
  },
  printToPdf(request) {
    const parsed = parsePrintRequest(request);
    if (!parsed) return Promise.resolve({ ok: false, error: { code: 'invalid_input' } });
    return ipcRenderer.invoke(PRINT_TO_PDF_CHANNEL, parsed);
  },
  onEvent(callback) {
    if (typeof callback !== 'function') return () => {};
    const subscriber = { callback };
    subscribers.add(subscriber);
    // After the current task, so a subscription undone at once (React's StrictMode) leaves the
    // early events to the subscription that stays.
    queueMicrotask(() => {
      if (subscribers.size > 0) for (const event of earlyEvents.splice(0)) deliver(event);
    });
    return () => {
      subscribers.delete(subscriber);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
