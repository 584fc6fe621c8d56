/**
 * Tracking and charts (概览): `dashboard.get` in process, split into its SQL and its computation,
 * and, in the browser, the dashboard's seven charts and a trend chart of 365 daily points next to
 * bare ECharts. Nothing in src-main or src-renderer is changed: the SQL part is measured by
 * wrapping the connection's `prepare` for the duration of a call, so it follows the service as it
 * changes (whatever statements it runs are the ones timed).
 */
import type { Database, Statement } from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import type { Router } from '../../src-main/router';
import { getDashboard } from '../../src-main/services/dashboard';
import {
  chartAgain,
  chartsProbe,
  chartsSettled,
  chartTimes,
  clickTab,
  redrawTimes,
  rememberOverview,
} from './chart-probes';
import { median } from './stats';

/** The 概览 charts in the order of the page. */
export const DASHBOARD_CHARTS = [
  'chart-gantt',
  'chart-target-vs-actual',
  'chart-module-progress',
  'chart-s-curve',
  'chart-trend',
  'chart-budget',
  'chart-funnel',
];

export interface StatementFigure {
  sql: string;
  calls: number;
  rows: number;
  ms: number;
}

export interface TrackingResults {
  tasks: number;
  seed: {
    ms: number;
    metrics: number;
    actuals: number;
    spend: number;
    checkins: number;
    periods: number;
    snapshots: number;
  };
  dashboard: {
    router: number[];
    service: number[];
    /** Per instrumented call: time inside the statements (all/get/run) and the rest. */
    sql: number[];
    js: number[];
    statements: StatementFigure[];
    /** The same statements with the same parameters, replayed bare (rows as arrays). */
    replay: number[];
    /** SQLite alone: `SELECT count(*) FROM (statement)` for each. */
    engine: number[];
    json: number[];
    jsonBytes: number;
    attention: number;
  };
  page: {
    frame: number[];
    settled: number[];
    tasksList: [number, number][];
    dashboardGet: [number, number][];
    /** The 概览 tab's code (OverviewTab and the ECharts chunks it pulls in), loaded on demand. */
    overviewCode: [number, number][];
    /** 概览 again from another tab (data in memory, code warm): click → every chart drawn and shown. */
    again: number[];
    /** dashboard.get answered → every chart drawn and shown. */
    afterData: number[];
    redraw: Record<string, { ms: number; width: number; height: number }>;
    trendSize: { width: number; height: number };
  };
  /** The first render in a fresh page (code cold), then renders again in the same page (warm). */
  trend: {
    days: number;
    app: number[];
    bare: number[];
    appSettled: number[];
    bareSettled: number[];
    option: number[];
    appWarm: number[];
    bareWarm: number[];
    optionWarm: number[];
    /** Again, start → the chart's own work done (drawn, before the frame that shows it). */
    appWarmWork: number[];
    bareWarmWork: number[];
  };
}

export function emptyTracking(): TrackingResults {
  return {
    tasks: 0,
    seed: { ms: Number.NaN, metrics: 0, actuals: 0, spend: 0, checkins: 0, periods: 0, snapshots: 0 },
    dashboard: {
      router: [],
      service: [],
      sql: [],
      js: [],
      statements: [],
      replay: [],
      engine: [],
      json: [],
      jsonBytes: 0,
      attention: 0,
    },
    page: {
      frame: [],
      settled: [],
      tasksList: [],
      dashboardGet: [],
      overviewCode: [],
      afterData: [],
      again: [],
      redraw: {},
      trendSize: { width: 0, height: 0 },
    },
    trend: {
      days: 365,
      app: [],
      bare: [],
      appSettled: [],
      bareSettled: [],
      option: [],
      appWarm: [],
      bareWarm: [],
      optionWarm: [],
      appWarmWork: [],
      bareWarmWork: [],
    },
  };
}

// ---------------------------------------------------------------------------------------------
// In process

interface Call {
  sql: string;
  args: unknown[];
  ms: number;
  rows: number;
  reader: boolean;
}

/**
 * Runs `fn` with every statement the connection hands out timed: `db.prepare` (the app's cached
 * one) is wrapped for the duration, and each `all`/`get`/`run`/`iterate` of its statements
 * recorded with its SQL, parameters, rows and time (`db.exec`/`pragma` are not counted).
 */
function capture<T>(db: Database, fn: () => T): { value: T; calls: Call[] } {
  const prepare = db.prepare;
  const calls: Call[] = [];
  const wrap = (statement: Statement, sql: string): Statement => {
    const proxy: Statement = new Proxy(statement, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key, target);
        if (typeof value !== 'function') return value;
        const method = value as (...args: unknown[]) => unknown;
        if (key === 'iterate')
          return (...args: unknown[]) => {
            const t0 = performance.now();
            const rows = method.apply(target, args) as IterableIterator<unknown>;
            const call: Call = { sql, args, ms: performance.now() - t0, rows: 0, reader: true };
            calls.push(call);
            const timedRows: IterableIterator<unknown> = {
              [Symbol.iterator]: () => timedRows,
              next() {
                const t = performance.now();
                const step = rows.next();
                call.ms += performance.now() - t;
                if (!step.done) call.rows++;
                return step;
              },
              return: (value?: unknown) => rows.return?.(value) ?? { done: true, value },
            };
            return timedRows;
          };
        if (key === 'all' || key === 'get' || key === 'run')
          return (...args: unknown[]) => {
            const t0 = performance.now();
            const result = method.apply(target, args);
            const ms = performance.now() - t0;
            const rows = Array.isArray(result)
              ? result.length
              : key === 'get' && result !== undefined
                ? 1
                : 0;
            calls.push({ sql, args, ms, rows, reader: target.reader });
            return result;
          };
        // pluck/raw/expand/bind/safeIntegers answer the statement itself: keep the wrapper.
        return (...args: unknown[]) => {
          const result = method.apply(target, args);
          return result === target ? proxy : result;
        };
      },
    });
    return proxy;
  };
  db.prepare = ((source: string) => wrap(prepare.call(db, source), source)) as Database['prepare'];
  try {
    return { value: fn(), calls };
  } finally {
    db.prepare = prepare;
  }
}

function ok<T>(result: { ok: true; value: unknown } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`router refused: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

const timeOf = (fn: () => unknown) => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};

/**
 * `dashboard.get` through the router and the bare service, in turn, `reps` times after a
 * warm-up; then the service with its statements timed (SQL vs the rest); then those statements
 * replayed bare and as `count(*)` (SQLite alone); and the JSON the bridge would send.
 */
export function dashboardInProcess(
  db: Database,
  router: Router,
  input: { projectId: string; today: string },
  r: TrackingResults,
  reps = 21,
): void {
  const d = r.dashboard;
  const calls = {
    router: () => ok(router.invoke('dashboard.get', input)),
    service: () => getDashboard(db, input),
  };
  for (let i = 0; i < 3; i++) for (const fn of Object.values(calls)) fn(); // warm-up
  for (let i = 0; i < reps; i++) {
    d.router.push(timeOf(calls.router));
    d.service.push(timeOf(calls.service));
  }

  // SQL vs computation, from calls with their statements timed.
  const perStatement = new Map<string, { ms: number[]; calls: number; rows: number }>();
  let replayed: Call[] = [];
  for (let i = 0; i < reps; i++) {
    let total = 0;
    const { calls: made } = capture(db, () => {
      const t0 = performance.now();
      getDashboard(db, input);
      total = performance.now() - t0;
    });
    const sql = made.reduce((s, c) => s + c.ms, 0);
    d.sql.push(sql);
    d.js.push(total - sql);
    const sums = new Map<string, { ms: number; calls: number; rows: number }>();
    for (const c of made) {
      const s = sums.get(c.sql) ?? { ms: 0, calls: 0, rows: 0 };
      s.ms += c.ms;
      s.calls++;
      s.rows += c.rows;
      sums.set(c.sql, s);
    }
    for (const [sql, s] of sums) {
      const p = perStatement.get(sql) ?? { ms: [], calls: s.calls, rows: s.rows };
      p.ms.push(s.ms);
      perStatement.set(sql, p);
    }
    replayed = made;
  }
  d.statements = [...perStatement]
    .map(([sql, p]) => ({
      sql: sql.replace(/\s+/g, ' ').trim(),
      calls: p.calls,
      rows: p.rows,
      ms: median(p.ms),
    }))
    .sort((a, b) => b.ms - a.ms);

  // Floors: the same reads with the same parameters, back to back, rows as arrays; and SQLite
  // stepping through them without handing values to JS.
  const readers = replayed.filter((c) => c.reader);
  const replay = readers.map((c) => ({ statement: db.prepare(c.sql), args: c.args }));
  const engine = readers.map((c) => ({
    statement: db.prepare(`SELECT count(*) FROM (${c.sql})`),
    args: c.args,
  }));
  const replayAll = () => {
    for (const { statement, args } of replay) statement.raw(true).all(...args);
  };
  const engineAll = () => {
    for (const { statement, args } of engine) statement.pluck(true).get(...args);
  };
  replayAll();
  engineAll();
  for (let i = 0; i < reps; i++) {
    d.replay.push(timeOf(replayAll));
    d.engine.push(timeOf(engineAll));
  }

  const answer = calls.router() as { kpis: { attentionCount: number } };
  d.attention = answer.kpis.attentionCount;
  let json = '';
  for (let i = -1; i < reps; i++) {
    const ms = timeOf(() => (json = JSON.stringify({ ok: true, value: answer })));
    if (i >= 0) d.json.push(ms);
  }
  d.jsonBytes = Buffer.byteLength(json);
}

// ---------------------------------------------------------------------------------------------
// In the browser

const QUIET_MS = 500;
const TREND_QUIET_MS = 300;

/**
 * One load of the app on the project's 概览 in `page` (fresh, with the chart probe installed):
 * navigation → every chart drawn and shown, and → every chart settled; then, if asked, each
 * chart redrawn (redrawTimes) and 概览 shown again from another tab.
 */
export async function dashboardOnce(
  page: Page,
  url: string,
  projectId: string,
  options: { redraw: boolean; again: boolean },
) {
  await page.addInitScript(rememberOverview, projectId);
  await page.addInitScript(chartsProbe, DASHBOARD_CHARTS);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(
    chartsSettled,
    { ids: DASHBOARD_CHARTS, quietMs: QUIET_MS },
    { timeout: 180_000, polling: 100 },
  );
  const times = await page.evaluate(chartTimes, {
    ids: DASHBOARD_CHARTS,
    calls: ['tasks.list', 'dashboard.get'],
    chunk: 'OverviewTab',
  });
  const trend = await page.getByTestId('chart-trend').evaluate((el) => ({
    width: el.getBoundingClientRect().width,
    height: el.getBoundingClientRect().height,
  }));
  const redraw = options.redraw ? await page.evaluate(redrawTimes, { ids: DASHBOARD_CHARTS, reps: 7 }) : null;

  // Away to a placeholder tab and back to 概览 (the first tab): the data in memory and the code
  // warm, the charts created anew. Timed from the click (in the page) to every chart drawn.
  if (!options.again) return { ...times, again: Number.NaN, trend, redraw };
  // Away to 目标与团队 (the second tab: light, no charts), then back to 概览 (the first).
  await page.evaluate(clickTab, { ids: [], selector: '.tabs [role="tab"]:nth-child(2)', mark: 'away' });
  await page.getByTestId('overview').waitFor({ state: 'detached' });
  await page.evaluate(clickTab, {
    ids: DASHBOARD_CHARTS,
    selector: '.tabs [role="tab"]',
    mark: 'overview-again',
  });
  await page.waitForFunction(
    chartsSettled,
    { ids: DASHBOARD_CHARTS, quietMs: QUIET_MS },
    { timeout: 60_000, polling: 100 },
  );
  const again = await page.evaluate(chartTimes, { ids: DASHBOARD_CHARTS, mark: 'overview-again' });
  return { ...times, again: again.frame, trend, redraw };
}

/**
 * The trend page (`index.html`: the app's chart; `bare.html`: bare ECharts) in a fresh page: its
 * first render (the code cold: the page has just loaded), then `again` renders in the same page
 * (the code warm), each timed from its mark until drawn and shown, and settled.
 */
export async function trendOnce(page: Page, url: string, again: number) {
  await page.addInitScript(chartsProbe, TREND);
  await page.goto(url, { waitUntil: 'commit' });
  await trendSettled(page);
  const first = await page.evaluate(chartTimes, {
    ids: TREND,
    mark: 'chart-start',
    measures: ['trend-option'],
  });
  const warm: (typeof first)[] = [];
  for (let i = 0; i < again; i++) warm.push(await trendAgain(page, `chart-again-${i}`));
  return { first, warm };
}

const TREND = ['chart-trend'];
const trendSettled = (page: Page) =>
  page.waitForFunction(
    chartsSettled,
    { ids: TREND, quietMs: TREND_QUIET_MS },
    { timeout: 60_000, polling: 50 },
  );

/** The trend page's chart rendered once more in the same page, timed from `mark`. */
export async function trendAgain(page: Page, mark: string) {
  await page.evaluate(chartAgain, { id: 'chart-trend', mark });
  await trendSettled(page);
  return page.evaluate(chartTimes, { ids: TREND, mark, measures: ['trend-option'] });
}

/**
 * BENCH_PROFILE=1: a CPU profile (node:inspector) of 30 calls of getDashboard, summarised as self
 * time per call by function (file:line), the top 15.
 */
export async function profileDashboard(db: Database, projectId: string, today: string): Promise<string> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  const calls = 30;
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    for (let i = 0; i < calls; i++) getDashboard(db, { projectId, today });
    const { profile } = await session.post('Profiler.stop');
    const spent = new Map<number, number>();
    profile.samples!.forEach((id, i) => spent.set(id, (spent.get(id) ?? 0) + (profile.timeDeltas![i] ?? 0)));
    const self = new Map<string, number>();
    for (const node of profile.nodes) {
      const f = node.callFrame;
      const where = f.url
        ? `${f.url.replace(/^.*\/(src-main|node_modules)\//, '$1/')}:${f.lineNumber + 1}`
        : '';
      const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
      self.set(key, (self.get(key) ?? 0) + (spent.get(node.id) ?? 0));
    }
    return [...self]
      .filter(([k]) => !k.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([k, us]) => `  ${(us / 1000 / calls).toFixed(2).padStart(8)} ms/call  ${k}`)
      .join('\n');
  } finally {
    await session.post('Profiler.disable').catch(() => {});
    session.disconnect();
  }
}
