/**
 * Probes that run inside the page (serialised by playwright, so each function is self-contained).
 * Times are `performance.now()` of the page: milliseconds since its navigation started.
 */

// The page's own globals, only as much of them as the probes use.
interface El {
  textContent: string | null;
  dispatchEvent(event: unknown): boolean;
  getBoundingClientRect(): { width: number; height: number };
}
interface ResourceEntry {
  name: string;
  startTime: number;
  responseEnd: number;
  decodedBodySize: number;
}
declare const document: {
  querySelector(selector: string): El | null;
  addEventListener(type: string, fn: (e: { key?: string }) => void, capture: boolean): void;
};
declare const window: { __bench?: BenchState };
declare const sessionStorage: { setItem(key: string, value: string): void };
declare const performance: {
  now(): number;
  getEntriesByType(type: 'resource'): ResourceEntry[];
  clearResourceTimings(): void;
};
declare function requestAnimationFrame(fn: () => void): number;
declare function setTimeout(fn: () => void, ms: number): number;
declare class MutationObserver {
  constructor(fn: () => void);
  observe(target: unknown, options: Record<string, boolean>): void;
  disconnect(): void;
}
declare class DataTransfer {
  setData(type: string, value: string): void;
}
declare class ClipboardEvent {
  constructor(type: string, init: { clipboardData: DataTransfer; bubbles: boolean; cancelable: boolean });
}
declare function fetch(
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
): Promise<{ json(): Promise<{ ok: boolean }> }>;

interface BenchState {
  /** First data row of the grid in the DOM, and the animation frame that paints it. */
  row: number | null;
  frame: number | null;
  /** Edit probe: Enter pressed (the value setter commits on it) and the save shown as done. */
  editArmed: boolean;
  t0: number | null;
  t1: number | null;
  /** The armed edit's outcome. */
  edit?: Promise<{ total: number; http: number | null; shownMs: number | null; shownFrames: number | null }>;
  /** The armed edit's cell and value, and when the value was first in the DOM at a frame after Enter. */
  expect?: { cell: string; value: string };
  shownMs: number | null;
  shownFrames: number | null;
}

/** Init script for the app's page: open the project on Table 2, as a reload of that tab would. */
export function rememberProject(projectId: string): void {
  sessionStorage.setItem('selected-project', projectId);
  sessionStorage.setItem('project-tab', 'tasks');
}

/** Whether the first data row has been painted (polled from the test). */
export const painted = () => window.__bench?.frame != null;

/** Init script: watches for the first data row of the grid marked `data-testid="task-grid"`. */
export function firstRowProbe(): void {
  const state: BenchState = {
    row: null,
    frame: null,
    editArmed: false,
    t0: null,
    t1: null,
    shownMs: null,
    shownFrames: null,
  };
  window.__bench = state;
  const selector = '[data-testid="task-grid"] .ag-row[row-id]';
  const observer = new MutationObserver(() => {
    if (state.row !== null || !document.querySelector(selector)) return;
    state.row = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => {
      state.frame = performance.now();
    });
  });
  observer.observe(document, { childList: true, subtree: true });
  // The edit probe: the first Enter after arming is the commit of the edited value. From it, each
  // animation frame looks whether the cell shows the typed (optimistic) value: a frame's callback
  // runs just before that frame is painted, so the first one that finds it is the frame showing it.
  document.addEventListener(
    'keydown',
    (e) => {
      if (!state.editArmed || state.t0 !== null || e.key !== 'Enter') return;
      const t0 = (state.t0 = performance.now());
      const expect = state.expect;
      let frames = 0;
      const look = () => {
        frames++;
        if (expect && document.querySelector(expect.cell)?.textContent === expect.value) {
          state.shownMs = performance.now() - t0;
          state.shownFrames = frames;
        } else if (frames < 600) requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    },
    true,
  );
}

/**
 * After the first row: the JavaScript the page had loaded by then (its decoded size, the scripts
 * whose request started before the row appeared), in bytes.
 */
export function scriptBytesBeforeRow(): number {
  const row = window.__bench!.row ?? Number.POSITIVE_INFINITY;
  return performance
    .getEntriesByType('resource')
    .filter((e) => /\.m?js(\?|$)/.test(e.name) && e.startTime < row)
    .reduce((sum, e) => sum + e.decodedBodySize, 0);
}

/** After the first row: when the data request finished (the API's tasks.list or the bare page's JSON). */
export function firstPaintDetails(dataUrlPart: string) {
  const s = window.__bench!;
  const data = performance.getEntriesByType('resource').find((e) => e.name.includes(dataUrlPart));
  const host = document.querySelector('[data-testid="task-grid"]')?.getBoundingClientRect();
  const api = performance
    .getEntriesByType('resource')
    .filter((e) => e.name.includes('/api/'))
    .map(
      (e) => `${e.name.replace(/^.*\/api\//, '')} ${Math.round(e.startTime)}→${Math.round(e.responseEnd)}`,
    );
  return {
    api,
    row: s.row,
    frame: s.frame,
    dataStart: data?.startTime ?? null,
    dataEnd: data?.responseEnd ?? null,
    width: host?.width ?? 0,
    height: host?.height ?? 0,
  };
}

/**
 * Arms the edit probe; the answer resolves when the edited cell shows `expected` and the toolbar
 * no longer says "saving" (the store holds the stored row: its pending mark is cleared).
 */
export function armEdit(arg: { rowId: string; colId: string; expected: string; timeoutMs: number }): void {
  const s = window.__bench!;
  s.editArmed = true;
  s.t0 = null;
  s.t1 = null;
  s.shownMs = null;
  s.shownFrames = null;
  performance.clearResourceTimings();
  const cell = `.ag-row[row-id="${arg.rowId}"] .ag-cell[col-id="${arg.colId}"]`;
  s.expect = { cell, value: arg.expected };
  const done = () =>
    s.t0 !== null &&
    document.querySelector(cell)?.textContent === arg.expected &&
    !document.querySelector('[data-testid="task-info"] .saving');
  s.edit = new Promise<void>((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (s.t1 !== null || !done()) return;
      s.t1 = performance.now();
      s.editArmed = false;
      observer.disconnect();
      resolve();
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    setTimeout(() => {
      observer.disconnect();
      reject(new Error(`edit of ${arg.colId} not settled in ${arg.timeoutMs} ms`));
    }, arg.timeoutMs);
  }).then(() => {
    const update = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/tasks.update'));
    return {
      total: s.t1! - s.t0!,
      http: update ? update.responseEnd - update.startTime : null,
      shownMs: s.shownMs,
      shownFrames: s.shownFrames,
    };
  });
  s.edit.catch(() => {}); // awaited by editOutcome; not an unhandled rejection meanwhile
}

/** When the armed edit's value was first on screen (ms from Enter, frames), or false until then. */
export function editShown() {
  const s = window.__bench!;
  return s.shownMs !== null && { ms: s.shownMs, frames: s.shownFrames };
}

/** The outcome of the armed edit, once it has settled. */
export const editOutcome = () => window.__bench!.edit!;

/**
 * Pastes `text` on the grid as Ctrl+V does, and resolves when the anchor cell shows `expected`
 * (the paste was stored and the table reloaded). Answers the total and the HTTP parts.
 */
export function pasteAndWait(arg: {
  text: string;
  rowId: string;
  colId: string;
  expected: string;
  timeoutMs: number;
}) {
  performance.clearResourceTimings();
  const cell = `.ag-row[row-id="${arg.rowId}"] .ag-cell[col-id="${arg.colId}"]`;
  return new Promise<{ total: number; paste: number | null; list: number | null }>((resolve, reject) => {
    let t0 = 0;
    const finish = () => {
      const t1 = performance.now();
      observer.disconnect();
      const entries = performance.getEntriesByType('resource');
      const span = (part: string) => {
        const e = entries.find((x) => x.name.includes(part));
        return e ? e.responseEnd - e.startTime : null;
      };
      resolve({ total: t1 - t0, paste: span('/api/tasks.paste'), list: span('/api/tasks.list') });
    };
    const observer = new MutationObserver(() => {
      if (document.querySelector('[data-testid="paste-problems"]')) {
        observer.disconnect();
        reject(
          new Error(
            `paste refused: ${document.querySelector('[data-testid="paste-problems"]')?.textContent}`,
          ),
        );
      } else if (document.querySelector(cell)?.textContent === arg.expected) finish();
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
    setTimeout(() => {
      observer.disconnect();
      reject(new Error(`paste not shown in ${arg.timeoutMs} ms`));
    }, arg.timeoutMs);
    const dt = new DataTransfer();
    dt.setData('text/plain', arg.text);
    t0 = performance.now();
    document
      .querySelector('[data-testid="task-grid"]')
      ?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
}

/** `tasks.update` through the bridge with fetch from the page, one after another: ms per call. */
export async function fetchEdits(arg: { token: string; ids: string[]; tag: string }): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < arg.ids.length; i++) {
    const t0 = performance.now();
    const response = await fetch('/api/tasks.update', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bridge-token': arg.token },
      body: JSON.stringify({ id: arg.ids[i], patch: { notes: `${arg.tag}-${i}` } }),
    });
    const result = await response.json();
    if (!result.ok) throw new Error(`tasks.update failed: ${JSON.stringify(result)}`);
    times.push(performance.now() - t0);
  }
  return times;
}
