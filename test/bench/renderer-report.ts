/**
 * Table 2's renderer figures: this code next to an earlier build of the renderer (BENCH_BASELINE,
 * measured in the same run, against the same main process and data) and the bare AG Grid page:
 * first paint, JavaScript loaded before the first row, JS heap after first paint, the optimistic
 * value on screen after Enter, the whole edit and the whole paste.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { median, ms, p95 } from './stats';

/** One renderer's figures at one size. */
export interface VariantFigures {
  paint: number[];
  /** Bytes of JavaScript loaded before the first row (decoded). */
  js: number[];
  /** Bytes of JS heap after first paint, garbage collected, rows loaded. */
  heap: number[];
  editTotal: number[];
  /** Enter → the animation frame whose callback found the typed value in the cell. */
  shownMs: number[];
  /** How many animation frames after Enter that was (1: the next frame). */
  shownFrames: number[];
  pasteTotal: number[];
}

export interface RendererResults {
  size: number;
  /** The bare page; shownMs/shownFrames: the same edit in its plain AG Grid (nothing saved). */
  bare: { paint: number[]; js: number[]; heap: number[]; shownMs: number[]; shownFrames: number[] };
  app: VariantFigures;
  /** The earlier build, when BENCH_BASELINE names one. */
  earlier: VariantFigures | null;
  /** What the earlier build is (its commit), and the load average around the size's browser part. */
  earlierCode: string;
  load: string;
}

export const emptyVariant = (): VariantFigures => ({
  paint: [],
  js: [],
  heap: [],
  editTotal: [],
  shownMs: [],
  shownFrames: [],
  pasteTotal: [],
});

export function emptyRenderer(size: number, withEarlier: boolean, earlierCode: string): RendererResults {
  return {
    size,
    bare: { paint: [], js: [], heap: [], shownMs: [], shownFrames: [] },
    app: emptyVariant(),
    earlier: withEarlier ? emptyVariant() : null,
    earlierCode,
    load: '',
  };
}

const FRAME_MS = 1000 / 60;
const kb = (xs: number[]) =>
  xs.length ? `${Math.round(median(xs) / 1024).toLocaleString('en-US')} kB` : '—';
const mb = (xs: number[]) => (xs.length ? `${(median(xs) / 2 ** 20).toFixed(1)} MB` : '—');
const x = (a: number[], b: number[]) =>
  a.length && b.length ? `${(median(a) / median(b)).toFixed(2)} ×` : '—';
const pair = (xs: number[]) => (xs.length ? `${ms(median(xs))} / ${ms(p95(xs))}` : '—');
const med = (xs: number[]) => (xs.length ? ms(median(xs)) : '—');
const frames = (v: Pick<VariantFigures, 'shownMs' | 'shownFrames'>) =>
  v.shownMs.length
    ? `${pair(v.shownMs)}; frame ${median(v.shownFrames)} (max ${Math.max(...v.shownFrames)})`
    : '—';
const shownInNextFrame = (v: VariantFigures) =>
  v.shownFrames.length > 0 && Math.max(...v.shownFrames) === 1 && median(v.shownMs) <= FRAME_MS;

interface Line {
  measure: string;
  cell(v: VariantFigures, r: RendererResults): string;
  aim: string;
  met?(v: VariantFigures, r: RendererResults): boolean | null;
}

const ratio = (a: number[], b: number[]) => (a.length && b.length ? median(a) / median(b) : Number.NaN);

const LINES: Line[] = [
  {
    measure: '(b) First paint: navigation → first row painted, median · ratio to bare',
    cell: (v, r) => `${med(v.paint)} · ${x(v.paint, r.bare.paint)}`,
    aim: '≤ 1.3 × bare',
    met: (v, r) => (v.paint.length ? ratio(v.paint, r.bare.paint) <= 1.3 : null),
  },
  {
    measure: '(h) JavaScript loaded before the first row · ratio to bare',
    cell: (v, r) => `${kb(v.js)} · ${x(v.js, r.bare.js)}`,
    aim: '≤ 1.3 × bare',
    met: (v, r) => (v.js.length ? ratio(v.js, r.bare.js) <= 1.3 : null),
  },
  {
    measure: '(i) JS heap after first paint (GC, rows loaded) · ratio to bare',
    cell: (v, r) => `${mb(v.heap)} · ${x(v.heap, r.bare.heap)}`,
    aim: '≤ 1.5 × bare',
    met: (v, r) => (v.heap.length ? ratio(v.heap, r.bare.heap) <= 1.5 : null),
  },
  {
    measure: '(c) Optimistic value on screen: Enter → frame showing it, p50 / p95; frame no.',
    cell: (v) => frames(v),
    aim: 'next frame (≤ 16.7 ms)',
    met: (v) => (v.shownMs.length ? shownInNextFrame(v) : null),
  },
  {
    measure: '(c) Edit, whole: Enter → stored row shown, p50 / p95',
    cell: (v) => pair(v.editTotal),
    aim: '—',
  },
  {
    measure: '(d) Paste 1,000 rows, whole: paste event → result shown, median',
    cell: (v) => med(v.pasteTotal),
    aim: '≤ 100 ms',
    met: (v) => (v.pasteTotal.length ? median(v.pasteTotal) <= 100 : null),
  },
];

const label = (size: number) => (size % 1000 === 0 ? `${size / 1000}k` : String(size));

function table(results: RendererResults[]): string[][] {
  const withEarlier = results.some((r) => r.earlier);
  const header = [
    'Measure',
    ...results.flatMap((r) =>
      withEarlier ? [`${label(r.size)} earlier`, `${label(r.size)} now`] : [`${label(r.size)}`],
    ),
    'Aim',
    'Verdict (now)',
  ];
  const body = LINES.map((line) => {
    const cells = results.flatMap((r) => {
      const now = line.cell(r.app, r);
      if (!withEarlier) return [now];
      return [r.earlier ? line.cell(r.earlier, r) : '—', now];
    });
    const verdict = results
      .map((r) => ({ size: r.size, ok: line.met?.(r.app, r) ?? null }))
      .filter((v) => v.ok !== null)
      .map((v) => `${v.ok ? 'met' : 'missed'} at ${label(v.size)}`)
      .join(', ');
    return [line.measure, ...cells, line.aim, verdict];
  });
  const bare = [
    'Bare AG Grid page: first paint · JavaScript · heap',
    ...results.flatMap((r) => {
      const cell = `${med(r.bare.paint)} · ${kb(r.bare.js)} · ${mb(r.bare.heap)}`;
      return withEarlier ? ['', cell] : [cell];
    }),
    '—',
    '',
  ];
  const bareEdit = [
    'Bare AG Grid page: the same edit in its own text editor, nothing saved: Enter → frame showing it, p50 / p95; frame no.',
    ...results.flatMap((r) => {
      const cell = frames(r.bare);
      return withEarlier ? ['', cell] : [cell];
    }),
    '—',
    '',
  ];
  return [header, ...body, bare, bareEdit];
}

export function rendererMarkdown(results: RendererResults[], date: string): string {
  const esc = (s: string) => s.replaceAll('|', '\\|');
  const rows = table(results);
  const lines = rows.map((r) => `| ${r.map(esc).join(' | ')} |`);
  lines.splice(1, 0, `|${rows[0]!.map(() => ' --- ').join('|')}|`);
  const earlier = results.find((r) => r.earlier)?.earlierCode;
  const loads = results.map((r) => `${label(r.size)}: ${r.load}`).join('; ');
  return [
    `Run on ${date}${earlier ? `; earlier = the renderer of ${earlier}, built and measured in the same run against the same main process and data` : ''}.`,
    `Load average (1 min) around each size's browser part: ${loads}.`,
    '',
    ...lines,
  ].join('\n');
}

export function rendererText(results: RendererResults[]): string {
  return rows2text(table(results));
}

function rows2text(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...r[c]!].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join(' │ ')).join('\n');
}

const BEGIN = '<!-- bench:renderer:begin (written by `npm run bench`) -->';
const END = '<!-- bench:renderer:end -->';

/** Writes the block between its markers in BENCHMARKS.md (appended under its own heading if absent). */
export function writeRendererBlock(file: string, block: string): void {
  if (!existsSync(file)) return;
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a < 0 || b < a) {
    writeFileSync(
      file,
      `${text.trimEnd()}\n\n## Table 2's renderer, this code and an earlier one\n\n${BEGIN}\n${block}\n${END}\n`,
    );
    return;
  }
  writeFileSync(file, `${text.slice(0, a)}${BEGIN}\n${block}\n${text.slice(b)}`);
}
