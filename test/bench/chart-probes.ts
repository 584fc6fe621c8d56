/**
 * Probes for the ECharts charts, run inside the page (serialised by playwright, so each function
 * is self-contained). Times are the page's `performance.now()`: ms since its navigation started.
 *
 * A chart counts as **drawn** when its element carries its ECharts instance
 * (`element.echartsInstance`, see src-renderer/components/charts/EChart.tsx) and the instance
 * holds an option: ECharts' setOption lays the chart out and paints the canvas synchronously, so
 * that is the end of the chart's own work; the figure is the animation frame after it (when the
 * browser shows it). It counts as **settled** at its last 'finished' event (entry animation
 * done, no pending update — including the resize EChart.tsx's ResizeObserver asks for), or at its
 * draw if it never fired one after the probe attached. A chart created again (a new instance on
 * the element) is timed afresh.
 */

interface Instance {
  getModel?(): unknown;
  getOption(): unknown;
  getWidth(): number;
  getHeight(): number;
  resize(opts?: { width?: number | 'auto'; height?: number | 'auto'; silent?: boolean }): void;
  getZr(): { flush(): void };
  on(event: string, fn: () => void): void;
}
interface ChartHost {
  echartsInstance?: Instance;
  getBoundingClientRect(): { width: number; height: number };
}
interface Chart {
  instance: Instance;
  drawn: number | null;
  frame: number | null;
  finished: number | null;
  renders: number;
}
interface ChartsState {
  charts: Record<string, Chart>;
  lastRender: number;
}
interface Entry {
  name: string;
  startTime: number;
  duration: number;
  responseEnd?: number;
}
declare const window: { __charts?: ChartsState };
declare const sessionStorage: { setItem(key: string, value: string): void };
declare const document: {
  querySelector(selector: string): ChartHost | null;
  querySelectorAll(selector: string): ArrayLike<{ click(): void }>;
};
declare const performance: {
  now(): number;
  mark(name: string): void;
  getEntriesByName(name: string): Entry[];
  getEntriesByType(type: string): Entry[];
};
declare function requestAnimationFrame(fn: () => void): number;
declare class MutationObserver {
  constructor(fn: () => void);
  observe(target: unknown, options: Record<string, boolean>): void;
  disconnect(): void;
}

/** Init script for the app's page: open the project on its 概览 tab, as a reload of that tab would. */
export function rememberOverview(projectId: string): void {
  sessionStorage.setItem('selected-project', projectId);
  sessionStorage.setItem('project-tab', 'overview');
}

/** Init script: watches for the charts `[data-testid=…]` of `ids` and times each (see above). */
export function chartsProbe(ids: string[]): void {
  const state: ChartsState = { charts: {}, lastRender: 0 };
  window.__charts = state;
  const check = () => {
    for (const id of ids) {
      const instance = document.querySelector(`[data-testid="${id}"]`)?.echartsInstance;
      if (!instance || state.charts[id]?.instance === instance) continue;
      // A new instance (first, or the chart created again): timed afresh.
      const chart: Chart = { instance, drawn: null, frame: null, finished: null, renders: 0 };
      state.charts[id] = chart;
      // The model exists once setOption ran (getOption() would deep-copy the whole option).
      const hasOption = () => !!(instance.getModel ? instance.getModel() : instance.getOption());
      const drawn = () => {
        if (chart.drawn !== null || !hasOption()) return;
        chart.drawn = performance.now();
        requestAnimationFrame(() => {
          chart.frame = performance.now();
        });
      };
      instance.on('rendered', () => {
        chart.renders++;
        state.lastRender = performance.now();
        drawn();
      });
      instance.on('finished', () => {
        chart.finished = performance.now();
      });
      drawn();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
}

/** Every chart drawn and shown, and no chart has rendered for `quietMs` (polled from the test). */
export function chartsSettled(arg: { ids: string[]; quietMs: number }): boolean {
  const s = window.__charts;
  if (!s || !arg.ids.every((id) => s.charts[id]?.frame != null)) return false;
  return performance.now() - s.lastRender >= arg.quietMs;
}

/**
 * The charts' times: each one's draw, shown frame and settling, relative to `mark` (a
 * performance mark of the page) or to navigation start; with the resource timings (request
 * start → response end) of the API calls named in `calls` and of the lazy `chunk`, and the
 * durations of the measures named in `measures`.
 */
export function chartTimes(arg: {
  ids: string[];
  mark?: string;
  calls?: string[];
  measures?: string[];
  /** A lazily loaded chunk (`/assets/<name>-hash.js`): from its request to the last script after it. */
  chunk?: string;
}) {
  const s = window.__charts!;
  const t0 = arg.mark ? (performance.getEntriesByName(arg.mark).at(-1)?.startTime ?? Number.NaN) : 0;
  const charts: Record<string, { drawn: number; frame: number; settled: number; renders: number }> = {};
  for (const id of arg.ids) {
    const c = s.charts[id]!;
    charts[id] = {
      drawn: c.drawn! - t0,
      frame: c.frame! - t0,
      settled: (c.finished ?? c.drawn!) - t0,
      renders: c.renders,
    };
  }
  const resources = performance.getEntriesByType('resource');
  const calls: Record<string, [number, number]> = {};
  for (const name of arg.calls ?? []) {
    const e = resources.find((r) => r.name.includes(`/api/${name}`));
    if (e) calls[name] = [e.startTime, e.responseEnd ?? Number.NaN];
  }
  const first = arg.chunk ? resources.find((r) => r.name.includes(`/assets/${arg.chunk}-`)) : undefined;
  if (first)
    calls[`chunk:${arg.chunk}`] = [
      first.startTime,
      Math.max(
        ...resources
          .filter((r) => r.name.endsWith('.js') && r.startTime >= first.startTime - 1)
          .map((r) => r.responseEnd ?? Number.NaN),
      ),
    ];
  const measures: Record<string, number> = {};
  for (const name of arg.measures ?? []) {
    const e = performance.getEntriesByName(name).at(-1); // the latest
    if (e) measures[name] = e.duration;
  }
  const values = Object.values(charts);
  // What the page fetched, in order: API calls and script chunks, request start → response end.
  const waterfall = resources
    .filter((r) => /\/api\/|\/assets\/.*\.js$/.test(r.name))
    .map(
      (r) =>
        `${r.name.replace(/^.*\/(api|assets)\//, '')} ${Math.round(r.startTime)}→${Math.round(r.responseEnd ?? 0)}`,
    );
  return {
    charts,
    calls,
    waterfall,
    measures,
    frame: Math.max(...values.map((c) => c.frame)),
    settled: Math.max(...values.map((c) => c.settled)),
  };
}

/**
 * Each chart laid out and painted again, `reps` times (a resize by one pixel: ECharts redoes the
 * whole layout, then zrender paints), after the page settled: the median ms per chart, and its
 * size. The chart's own work without React, the network or the animation.
 */
export function redrawTimes(arg: { ids: string[]; reps: number }) {
  const out: Record<string, { ms: number; width: number; height: number }> = {};
  for (const id of arg.ids) {
    const host = document.querySelector(`[data-testid="${id}"]`);
    const instance = host?.echartsInstance;
    if (!instance) continue;
    const width = instance.getWidth();
    const height = instance.getHeight();
    const times: number[] = [];
    for (let i = 0; i < arg.reps; i++) {
      const t0 = performance.now();
      instance.resize({ width: width - (i % 2), height, silent: true });
      instance.getZr().flush();
      times.push(performance.now() - t0);
    }
    instance.resize({ width: 'auto', height: 'auto', silent: true });
    times.sort((a, b) => a - b);
    out[id] = { ms: times[Math.ceil(times.length / 2) - 1]!, width, height };
  }
  return out;
}

/** Renders the page's chart once more (`window.__trendAgain` of the trend pages), timed afresh. */
export function chartAgain(arg: { id: string; mark: string }): void {
  const w = window as unknown as { __charts: ChartsState; __trendAgain(mark: string): void };
  const old = w.__charts.charts[arg.id]!;
  // Not drawn until the new instance is: the probe skips the old one, and waits for the new.
  w.__charts.charts[arg.id] = {
    instance: old.instance,
    drawn: null,
    frame: null,
    finished: null,
    renders: 0,
  };
  w.__trendAgain(arg.mark);
}

/**
 * Marks `mark` and clicks the first element matching `selector` (in the page, so that the mark
 * is the click), with the charts of `ids` reset so that the probe waits for them to be created
 * again.
 */
export function clickTab(arg: { ids: string[]; selector: string; mark: string }): void {
  const s = window.__charts!;
  for (const id of arg.ids) {
    const old = s.charts[id];
    if (old) s.charts[id] = { instance: old.instance, drawn: null, frame: null, finished: null, renders: 0 };
  }
  performance.mark(arg.mark);
  document.querySelectorAll(arg.selector)[0]!.click();
}
