/**
 * The benchmark's figures as a table (plain text for the terminal, Markdown for BENCHMARKS.md),
 * each next to its aim and its floor, with the machine it ran on.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { median, ms, p95 } from './stats';

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
    measure: '(a) Load: service listTasks, median',
    cell: (r) => med(r.load.service) + n(r.load.service),
    aim: '≤ 100 ms at 10k',
    floor: (r) => `rows as arrays (.raw) + links ${med(r.load.sql)}`,
    verdict: (r) => judge(median(r.load.service) <= 100, r.load.service.length > 0),
    at: 10_000,
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
    measure: "(d) Paste 1,000 rows, db part: router 'tasks.paste', median",
    cell: (r) => med(r.pasteDb.router) + n(r.pasteDb.router),
    aim: '—',
    floor: (r) => `1,000 UPDATEs in 1 tx ${med(r.pasteDb.floor)}`,
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

export function textTable(results: SizeResults[], machine: Machine): string {
  const table = rows(results);
  const widths = table[0]!.map((_, c) =>
    Math.min(c === 0 ? 60 : 48, Math.max(...table.map((r) => width(r[c]!)))),
  );
  const fit = (s: string, w: number) => (width(s) > w ? s : s + ' '.repeat(w - width(s)));
  const lines = table.map((r) => r.map((cell, c) => fit(cell, widths[c]!)).join(' │ '));
  lines.splice(1, 0, widths.map((w) => '─'.repeat(w)).join('─┼─'));
  return [machineLine(machine), '', ...lines].join('\n');
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
    `SQLite ${m.sqlite} · AG Grid ${m.agGrid} · temp files on ${m.disk} · load average ${m.load}`,
    `Code measured: ${m.code}`,
  ].join('\n');
}

export function markdownTable(results: SizeResults[], machine: Machine): string {
  const table = rows(results);
  const esc = (s: string) => s.replaceAll('|', '\\|');
  const lines = table.map((r) => `| ${r.map(esc).join(' | ')} |`);
  lines.splice(1, 0, `|${table[0]!.map(() => ' --- ').join('|')}|`);
  return [
    `Run on ${machine.date}.`,
    '',
    `- Machine: ${machine.cpus}, ${machine.memory}; temp files (the SQLite files) on ${machine.disk}`,
    `- Node ${machine.node}; ${machine.chromium} (headless); SQLite ${machine.sqlite}; AG Grid ${machine.agGrid}`,
    `- Load average during the run: ${machine.load}`,
    `- Code measured: ${machine.code}`,
    '',
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
