/**
 * The benchmark's figures as a table (plain text for the terminal, Markdown for BENCHMARKS.md),
 * each next to its aim and its floor, with the machine it ran on.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { median, ms, p95 } from './stats';
import type { TrackingResults } from './tracking';

export interface SizeResults {
  size: number;
  seedMs: number;
  links: number;
  load: {
    router: number[];
    service: number[];
    sql: number[];
    json: number[];
    jsonBytes: number;
  };
  editDb: { router: number[]; service: number[]; routerNormal: number[]; floor: number[] };
  pasteDb: { router: number[]; service: number[]; floor: number[] };
  paint: {
    app: number[];
    bare: number[];
    appAsked: number[];
    appData: number[];
    bareAsked: number[];
    bareData: number[];
  };
  editUi: { total: number[]; http: number[]; fetch: number[] };
  pasteUi: { total: number[]; paste: number[]; list: number[] };
}

export function emptyResults(size: number): SizeResults {
  return {
    size,
    seedMs: Number.NaN,
    links: 0,
    load: { router: [], service: [], sql: [], json: [], jsonBytes: 0 },
    editDb: { router: [], service: [], routerNormal: [], floor: [] },
    pasteDb: { router: [], service: [], floor: [] },
    paint: { app: [], bare: [], appAsked: [], appData: [], bareAsked: [], bareData: [] },
    editUi: { total: [], http: [], fetch: [] },
    pasteUi: { total: [], paste: [], list: [] },
  };
}

export interface Machine {
  date: string;
  cpus: string;
  memory: string;
  node: string;
  chromium: string;
  sqlite: string;
  agGrid: string;
  echarts: string;
  disk: string;
  load: string;
  code: string;
}

type Verdict = 'met' | 'missed' | '';
interface Line {
  measure: string;
  cell(r: SizeResults): string;
  aim: string;
  floor(r: SizeResults): string;
  /** Judged at `at` (a size) or at every size when absent. */
  verdict?: (r: SizeResults) => Verdict;
  at?: number;
}

const med = (xs: number[]) => ms(median(xs));
const span = (a: number[], b: number[]) => `${Math.round(median(a))}→${Math.round(median(b))} ms`;
const pair = (xs: number[]) => (xs.length ? `${ms(median(xs))} / ${ms(p95(xs))}` : '—');
const ratio = (r: SizeResults) => median(r.paint.app) / median(r.paint.bare);
const judge = (ok: boolean, known: boolean): Verdict => (!known ? '' : ok ? 'met' : 'missed');
const n = (xs: number[]) => (xs.length ? ` (n=${xs.length})` : '');

const LINES: Line[] = [
  {
    measure: 'Seed N tasks + 20 people, 6 modules, links (prepared INSERTs, 1 tx)',
    cell: (r) => ms(r.seedMs),
    aim: '—',
    floor: (r) => `${r.links.toLocaleString('en-US')} links`,
  },
  {
    measure: "(a) Load: router 'tasks.list' (service + output check), median",
    cell: (r) => med(r.load.router) + n(r.load.router),
    aim: '≤ 100 ms at 10k',
    floor: (r) => `rows as arrays (.raw) + links ${med(r.load.sql)}`,
    verdict: (r) => judge(median(r.load.router) <= 100, r.load.router.length > 0),
    at: 10_000,
  },
  {
    measure: '(a) Load: service listTaskRows (rows as arrays), median',
    cell: (r) => med(r.load.service) + n(r.load.service),
    aim: '≤ 100 ms at 10k',
    floor: (r) => `rows as arrays (.raw) + links ${med(r.load.sql)}`,
    verdict: (r) => judge(median(r.load.service) <= 100, r.load.service.length > 0),
    at: 10_000,
  },
  {
    measure: "(a) Load ratio router 'tasks.list' / floor",
    cell: (r) => `${(median(r.load.router) / median(r.load.sql)).toFixed(2)} ×`,
    aim: '≤ 1.3 ×',
    floor: () => '1.00 ×',
    verdict: (r) => judge(median(r.load.router) / median(r.load.sql) <= 1.3, r.load.router.length > 0),
  },
  {
    measure: '(a) parts: JSON.stringify of the answer (what the bridge sends), median',
    cell: (r) => med(r.load.json),
    aim: '—',
    floor: (r) => `JSON ${(r.load.jsonBytes / 1e6).toFixed(1)} MB`,
  },
  {
    measure: '(b) First paint, app: navigation → first row painted, median',
    cell: (r) => med(r.paint.app) + n(r.paint.app),
    aim: '≤ 1.3 × bare',
    floor: (r) => `bare ${med(r.paint.bare)}${n(r.paint.bare)}`,
  },
  {
    measure: '(b) First paint ratio app / bare AG Grid page',
    cell: (r) => (r.paint.app.length && r.paint.bare.length ? `${ratio(r).toFixed(2)} ×` : '—'),
    aim: '≤ 1.3 ×',
    floor: () => '1.00 ×',
    verdict: (r) => judge(ratio(r) <= 1.3, r.paint.app.length > 0 && r.paint.bare.length > 0),
  },
  {
    measure: '(b) parts: rows requested → received, app · bare, median',
    cell: (r) => `${span(r.paint.appAsked, r.paint.appData)} · ${span(r.paint.bareAsked, r.paint.bareData)}`,
    aim: '—',
    floor: () => '—',
  },
  {
    measure: "(c) Edit, db part: router 'tasks.update' + capture, p50 / p95",
    cell: (r) => pair(r.editDb.router) + n(r.editDb.router),
    aim: 'p95 ≤ 1 ms',
    floor: (r) => `1-row UPDATE + commit ${pair(r.editDb.floor)}`,
    verdict: (r) => judge(p95(r.editDb.router) <= 1, r.editDb.router.length > 0),
  },
  {
    measure: '(c) parts: service updateTask only, p50 / p95',
    cell: (r) => pair(r.editDb.service),
    aim: '—',
    floor: () => '—',
  },
  {
    measure: '(c) experiment: router edit, synchronous=NORMAL, p50 / p95',
    cell: (r) => pair(r.editDb.routerNormal),
    aim: '—',
    floor: () => '—',
  },
  {
    measure: '(c) Edit, whole: Enter in editor → stored row shown, p50 / p95',
    cell: (r) => pair(r.editUi.total) + n(r.editUi.total),
    aim: '—',
    floor: (r) => `fetch tasks.update from page ${pair(r.editUi.fetch)}`,
  },
  {
    measure: "(d) Paste 1,000 rows, db part: router 'tasks.paste' (+ undo capture), median",
    cell: (r) =>
      `${med(r.pasteDb.router)}${n(r.pasteDb.router)}, ${(median(r.pasteDb.router) / median(r.pasteDb.floor)).toFixed(1)} × floor`,
    aim: '≤ 8 × floor',
    floor: (r) => `1,000 UPDATEs in 1 tx ${med(r.pasteDb.floor)}`,
    verdict: (r) =>
      judge(median(r.pasteDb.router) <= 8 * median(r.pasteDb.floor), r.pasteDb.router.length > 0),
  },
  {
    measure: '(d) parts: service pasteTasks only, median',
    cell: (r) => med(r.pasteDb.service),
    aim: '—',
    floor: () => '—',
  },
  {
    measure: '(d) Paste 1,000 rows, whole: paste event → result shown, median',
    cell: (r) => med(r.pasteUi.total) + n(r.pasteUi.total),
    aim: '≤ 100 ms',
    floor: (r) => `db part ${med(r.pasteDb.router)}`,
    verdict: (r) => judge(median(r.pasteUi.total) <= 100, r.pasteUi.total.length > 0),
  },
  {
    measure: '(d) parts: HTTP tasks.paste · HTTP tasks.list reload (if any), median',
    cell: (r) => `${med(r.pasteUi.paste)} · ${med(r.pasteUi.list)}`,
    aim: '—',
    floor: () => '—',
  },
];

const label = (size: number) => (size % 1000 === 0 ? `${size / 1000}k` : String(size));

function rows(results: SizeResults[]): string[][] {
  const header = [
    'Measure',
    ...results.map((r) => `${label(r.size)} tasks`),
    'Aim',
    'Floor / reference',
    'Verdict',
  ];
  const body = LINES.map((line) => {
    const judged = results.filter((r) => line.verdict && (line.at === undefined || r.size === line.at));
    const verdicts = judged
      .map((r) => ({ size: r.size, v: line.verdict!(r) }))
      .filter((x) => x.v !== '')
      .map((x) => `${x.v} at ${label(x.size)}`);
    const floors = results.map((r) => line.floor(r));
    const floor =
      new Set(floors).size === 1
        ? floors[0]!
        : results.map((r, i) => `${label(r.size)}: ${floors[i]}`).join('; ');
    return [line.measure, ...results.map((r) => line.cell(r)), line.aim, floor, verdicts.join(', ')];
  });
  return [header, ...body];
}

export function textTable(results: SizeResults[], machine: Machine, tracking?: TrackingResults): string {
  const parts = [machineLine(machine)];
  if (results.length) parts.push('', plainTable(rows(results)));
  if (tracking) parts.push('', 'Tracking and charts', plainTable(trackingRows(tracking)));
  return parts.join('\n');
}

function plainTable(table: string[][]): string {
  const widths = table[0]!.map((_, c) =>
    Math.min(c === 0 ? 60 : 48, Math.max(...table.map((r) => width(r[c]!)))),
  );
  const fit = (s: string, w: number) => (width(s) > w ? s : s + ' '.repeat(w - width(s)));
  const lines = table.map((r) => r.map((cell, c) => fit(cell, widths[c]!)).join(' │ '));
  lines.splice(1, 0, widths.map((w) => '─'.repeat(w)).join('─┼─'));
  return lines.join('\n');
}

/** Display width: CJK and full-width characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      ch,
    )
      ? 2
      : 1;
  return w;
}

function machineLine(m: Machine): string {
  return [
    `Date ${m.date} · ${m.cpus} · ${m.memory} · Node ${m.node} · ${m.chromium}`,
    `SQLite ${m.sqlite} · AG Grid ${m.agGrid} · ECharts ${m.echarts} · temp files on ${m.disk} · load average ${m.load}`,
    `Code measured: ${m.code}`,
  ].join('\n');
}

function markdownRows(table: string[][]): string[] {
  const esc = (s: string) => s.replaceAll('|', '\\|');
  const lines = table.map((r) => `| ${r.map(esc).join(' | ')} |`);
  lines.splice(1, 0, `|${table[0]!.map(() => ' --- ').join('|')}|`);
  return lines;
}

export function markdownTable(results: SizeResults[], machine: Machine, tracking?: TrackingResults): string {
  const lines = results.length ? ['', ...markdownRows(rows(results))] : [];
  if (tracking)
    lines.push(
      '',
      `**Tracking and charts** (one project of ${tracking.tasks.toLocaleString('en-US')} tasks, see (e)–(g) below):`,
      '',
      ...markdownRows(trackingRows(tracking)),
    );
  return [
    `Run on ${machine.date}.`,
    '',
    `- Machine: ${machine.cpus}, ${machine.memory}; temp files (the SQLite files) on ${machine.disk}`,
    `- Node ${machine.node}; ${machine.chromium} (headless); SQLite ${machine.sqlite}; AG Grid ${machine.agGrid}; ECharts ${machine.echarts}`,
    `- Load average during the run: ${machine.load}`,
    `- Code measured: ${machine.code}`,
    ...lines,
  ].join('\n');
}

export const BEGIN = '<!-- bench:results:begin (written by `npm run bench`) -->';
export const END = '<!-- bench:results:end -->';

/** Replaces the generated block of BENCHMARKS.md (or creates the file with only that block). */
export function writeBenchmarks(file: string, block: string): void {
  const fresh = `# Benchmarks\n\n${BEGIN}\n${block}\n${END}\n`;
  if (!existsSync(file)) return writeFileSync(file, fresh);
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a < 0 || b < a) return writeFileSync(file, `${text.trimEnd()}\n\n${BEGIN}\n${block}\n${END}\n`);
  writeFileSync(file, `${text.slice(0, a)}${BEGIN}\n${block}\n${text.slice(b)}`);
}

// ---------------------------------------------------------------------------------------------
// Tracking and charts: one project, so one figure per line.

const CHART_NAMES: Record<string, string> = {
  'chart-gantt': 'gantt',
  'chart-target-vs-actual': 'targets',
  'chart-module-progress': 'modules',
  'chart-s-curve': 'S-curve',
  'chart-trend': 'trend',
  'chart-budget': 'budget',
  'chart-funnel': 'funnel',
};
const int = (x: number) => x.toLocaleString('en-US');
const times = (a: number[], b: number[]) => (a.length && b.length ? median(a) / median(b) : Number.NaN);
const fmtRatio = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)} ×` : '—');
const spans = (xs: [number, number][]) =>
  xs.length
    ? `${Math.round(median(xs.map((x) => x[0])))}→${Math.round(median(xs.map((x) => x[1])))} ms`
    : '—';
/** "missed by 12 ms (+24 %)" against an upper bound. */
const against = (value: number, aim: number, known: boolean): string =>
  !known || !Number.isFinite(value)
    ? ''
    : value <= aim
      ? 'met'
      : `missed by ${ms(value - aim)} (+${Math.round(((value - aim) / aim) * 100)} %)`;

export function trackingRows(t: TrackingResults): string[][] {
  const d = t.dashboard;
  const p = t.page;
  const tr = t.trend;
  const statements = d.statements.length;
  const slowest = d.statements
    .slice(0, 3)
    .map((s) => `${ms(s.ms)} ${describeSql(s.sql)} (${int(s.rows)} row${s.rows === 1 ? '' : 's'})`)
    .join(' · ');
  const redraw = Object.entries(p.redraw);
  const overChart = redraw.filter(([, r]) => r.ms > 50);
  const worst = redraw.reduce((m, [, r]) => Math.max(m, r.ms), 0);
  const body: string[][] = [
    [
      `Seed: ${int(t.tasks)} tasks as above + 50 metrics × 52 weekly values, spend, check-ins, periods (1 tx)`,
      ms(t.seed.ms),
      '—',
      `${int(t.seed.actuals)} values, ${t.seed.spend} spend entries, ${int(t.seed.checkins)} check-ins, ${t.seed.periods} periods (${t.seed.snapshots} snapshot rows)`,
      '',
    ],
    [
      "(e) Dashboard: router 'dashboard.get' (parse, service, output check), p50 / p95",
      pair(d.router) + n(d.router),
      '—',
      `its statements replayed bare ${med(d.replay)}`,
      '',
    ],
    ['(e) Dashboard: service getDashboard, p50 / p95', pair(d.service), '—', `—`, ''],
    [
      `(e) parts: SQL — the service's ${statements} statements, timed inside the call, p50 / p95`,
      pair(d.sql),
      '≤ 20 ms',
      `same statements replayed bare ${med(d.replay)}; SQLite alone (count(*) of each) ${med(d.engine)}`,
      against(median(d.sql), 20, d.sql.length > 0),
    ],
    [
      '(e) parts: computation in JS (service − its SQL), median',
      med(d.js),
      '—',
      `${int(d.attention)} attention items judged`,
      '',
    ],
    [
      '(e) parts: router overhead (router − service) · JSON.stringify of the answer, median',
      `${ms(median(d.router) - median(d.service))} · ${med(d.json)}`,
      '—',
      `JSON ${Math.round(d.jsonBytes / 1024)} kB`,
      '',
    ],
    ['(e) parts: costliest statements, median', slowest || '—', '—', '—', ''],
    [
      '(f) 概览: navigation → all 7 charts drawn and shown, median',
      med(p.frame) + n(p.frame),
      '—',
      `tasks.list ${spans(p.tasksList)}; 概览 code ${spans(p.overviewCode)}; dashboard.get ${spans(p.dashboardGet)}`,
      '',
    ],
    [
      "(f) 概览: navigation → all 7 charts settled ('finished'), median",
      med(p.settled) + n(p.settled),
      '—',
      'the app animates entries for ≤ 300 ms',
      '',
    ],
    [
      '(f) 概览 again from another tab (data in memory, code warm): click → all 7 charts drawn and shown, median',
      med(p.again) + n(p.again),
      '—',
      '—',
      '',
    ],
    [
      '(f) parts: dashboard.get answered → all charts drawn and shown (render of 概览), median',
      med(p.afterData),
      '—',
      'React, 7 options (the gantt of every task), 7 × init + setOption',
      '',
    ],
    [
      '(f) parts: each chart laid out + painted again (1-px resize), median of 7',
      redraw.map(([id, r]) => `${CHART_NAMES[id] ?? id} ${ms(r.ms)}`).join(' · ') || '—',
      '≤ 50 ms a chart',
      redraw.length ? `slowest ${ms(worst)}` : '—',
      !redraw.length
        ? ''
        : overChart.length
          ? `missed by ${overChart.map(([id, r]) => `${CHART_NAMES[id] ?? id} (${ms(r.ms)})`).join(', ')}`
          : 'met',
    ],
    [
      `(g) Trend chart, ${tr.days} daily points, first in a fresh page: app EChart + trendOption, start → drawn and shown, median`,
      med(tr.app) + n(tr.app),
      '≤ 50 ms',
      `bare ECharts line ${med(tr.bare)}${n(tr.bare)}, ${Math.round(p.trendSize.width)}×${Math.round(p.trendSize.height)} px`,
      against(median(tr.app), 50, tr.app.length > 0),
    ],
    [
      '(g) Trend chart, drawn again in the same page (code warm): app · bare, median',
      `${med(tr.appWarm)} · ${med(tr.bareWarm)}${n(tr.appWarm)}`,
      '≤ 50 ms',
      '—',
      against(median(tr.appWarm), 50, tr.appWarm.length > 0),
    ],
    [
      '(g) Trend ratio app / bare ECharts: first · again',
      `${fmtRatio(times(tr.app, tr.bare))} · ${fmtRatio(times(tr.appWarm, tr.bareWarm))}`,
      '—',
      '1.00 ×',
      '',
    ],
    [
      '(g) parts: again, start → chart drawn, before the frame that shows it: app · bare, median',
      `${med(tr.appWarmWork)} · ${med(tr.bareWarmWork)}`,
      '—',
      '—',
      '',
    ],
    [
      '(g) parts: trendOption (building the option) first · again; first render settled app · bare, median',
      `${med(tr.option)} · ${med(tr.optionWarm)}; ${med(tr.appSettled)} · ${med(tr.bareSettled)}`,
      '—',
      'both animate 300 ms',
      '',
    ],
  ];
  return [['Measure', 'Figure', 'Aim', 'Floor / reference', 'Verdict'], ...body];
}

/** A statement in a few words: what it reads. */
function describeSql(sql: string): string {
  const from = /\bFROM\s+(\w+)/i.exec(sql)?.[1] ?? '?';
  const group = /\bGROUP BY\b/i.test(sql) ? ' grouped' : '';
  const join = /\bJOIN\s+(\w+)/i.exec(sql)?.[1];
  return `${from}${join ? `⋈${join}` : ''}${group}`;
}
