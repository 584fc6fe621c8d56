/**
 * The printed reports (issue 11): the 复盘报告 of a project with 500 tasks, 30 metrics and 12
 * tracking periods, from the request (the report's URL) to the PDF's bytes, next to an empty
 * page printed by the same browser in the same run; and the 10,000-task plan's report with Table
 * 2 as its appendix, which must finish. Through the bridge and Chromium's own printer (page.pdf,
 * the engine of Electron's printToPDF). Writes its own block of BENCHMARKS.md.
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/backend';
import { openDatabase } from '../../src-main/db/open';
import { ROOT, startBuiltBridge, type RunningBridge } from '../helpers/bridge';
import { launchBrowser, type Browser } from '../helpers/browser';
import { seedProject, seedTracking } from './seed';
import { median, ms } from './stats';

const REPS = Number(process.env.BENCH_PRINT_REPS ?? 5);
const BEGIN = '<!-- bench:print:begin (written by `npm run bench`) -->';
const END = '<!-- bench:print:end -->';
const log = (...args: unknown[]) => console.log('[print bench]', ...args);
const dataDir = mkdtempSync(join(tmpdir(), 'ct-bench-print-'));

/** Two plans in the app's database: 500 tasks with 30 metrics and 12 periods; 10,000 tasks. */
function seed(): { small: string; large: string } {
  const db = openDatabase({ file: join(dataDir, DATABASE_FILE) });
  try {
    const small = seedProject(db, 500);
    seedTracking(db, small, '2026-11-30');
    // seedTracking makes 50 metrics and 13 periods: keep the first 30 and the latest 12.
    db.prepare(
      `DELETE FROM metrics WHERE project_id = ? AND id NOT IN
         (SELECT id FROM metrics WHERE project_id = ? ORDER BY position LIMIT 30)`,
    ).run(small.projectId, small.projectId);
    db.prepare(
      `DELETE FROM tracking_periods WHERE id = (SELECT id FROM tracking_periods WHERE project_id = ?
         ORDER BY start_date LIMIT 1)`,
    ).run(small.projectId);
    const count = (sql: string) => db.prepare(sql).pluck().get(small.projectId) as number;
    expect(count('SELECT count(*) FROM tasks WHERE project_id = ?')).toBe(500);
    expect(count('SELECT count(*) FROM metrics WHERE project_id = ?')).toBe(30);
    expect(count('SELECT count(*) FROM tracking_periods WHERE project_id = ?')).toBe(12);
    const large = seedProject(db, 10_000);
    return { small: small.projectId, large: large.projectId };
  } finally {
    db.close();
  }
}

let bridge: RunningBridge | null = null;
let browser: Browser | null = null;
afterAll(async () => {
  await browser?.close();
  await bridge?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const lines: string[][] = [];

describe('printed reports', () => {
  const ids = seed();

  it(
    'retrospective of 500 tasks / 30 metrics / 12 periods next to an empty page; 10,000 tasks with Table 2',
    async () => {
      bridge = await startBuiltBridge(dataDir);
      browser = await launchBrowser({ locale: 'zh-CN' });
      const page = browser.page;
      const base = bridge.url.split('#')[0]!;
      page.setDefaultTimeout(15 * 60_000);

      /** From the request (navigation to the report's URL) to the PDF's bytes. */
      const printOnce = async (hash: string) => {
        await page.goto('about:blank');
        const start = performance.now();
        await page.goto(`${base}${hash}`);
        await page.waitForSelector('body[data-report-ready="true"]');
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
        return { ms: performance.now() - start, bytes: pdf.length, pdf };
      };
      const emptyOnce = async () => {
        await page.goto('about:blank');
        const start = performance.now();
        await page.setContent('<!doctype html><html><body></body></html>');
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
        return { ms: performance.now() - start, bytes: pdf.length };
      };

      const retroHash = `#/report?project=${ids.small}&kind=retro&off=table2`;
      await printOnce(retroHash); // warm-up: the bundle, the font's subsets in the cache
      await emptyOnce();
      const retro: number[] = [];
      const empty: number[] = [];
      let retroBytes = 0;
      let retroPages = 0;
      for (let i = 0; i < REPS; i++) {
        const r = await printOnce(retroHash);
        retro.push(r.ms);
        retroBytes = r.bytes;
        const file = join(dataDir, 'retro.pdf');
        writeFileSync(file, r.pdf);
        retroPages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())?.[1]);
        empty.push((await emptyOnce()).ms);
      }
      log('retro 500', retro.map(ms), 'empty', empty.map(ms));
      const ratio = median(retro) / median(empty);
      lines.push([
        'Retrospective, 500 tasks · 30 metrics · 12 periods (without Table 2): request → PDF bytes',
        ms(median(retro)),
        ms(median(empty)),
        `${ratio.toFixed(1)} ×`,
        '≤ 2 s and ≤ 3 × empty',
        `${retroPages} pages, ${(retroBytes / 1024).toFixed(0)} KB`,
      ]);

      const withTable2 = await printOnce(`#/report?project=${ids.small}&kind=retro`);
      const small2 = join(dataDir, 'retro-t2.pdf');
      writeFileSync(small2, withTable2.pdf);
      lines.push([
        'The same with Table 2 (500 tasks) as appendix',
        ms(withTable2.ms),
        '',
        '',
        '',
        `${/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [small2]).toString())?.[1]} pages, ${(withTable2.bytes / 1024).toFixed(0)} KB`,
      ]);

      const large = await printOnce(`#/report?project=${ids.large}&kind=retro`);
      const largeFile = join(dataDir, 'retro-10k.pdf');
      writeFileSync(largeFile, large.pdf);
      const largePages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [largeFile]).toString())?.[1]);
      log('retro 10k with table 2', ms(large.ms), largePages, 'pages');
      expect(largePages).toBeGreaterThan(100);
      lines.push([
        'Retrospective of 10,000 tasks with Table 2 as appendix (must finish)',
        ms(large.ms),
        '',
        '',
        'finishes',
        `${largePages} pages, ${(large.bytes / 1048576).toFixed(1)} MB`,
      ]);
    },
    30 * 60_000,
  );

  it('writes the figures', () => {
    const header = ['What', 'Median', 'Empty page', 'Ratio', 'Aim', 'PDF'];
    const table = [header, header.map(() => '---'), ...lines].map((r) => `| ${r.join(' | ')} |`).join('\n');
    const block = [
      `Run on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)}; Debian Chromium headless through the bridge, page.pdf(); medians of ${REPS} after one warm-up (single runs for the appendix figures).`,
      '',
      table,
    ].join('\n');
    console.log(`\n${block}\n`);
    if (process.env.BENCH_PRINT_REPS || process.env.BENCH_PARTS) return; // a quick run leaves the file alone
    const path = join(ROOT, 'BENCHMARKS.md');
    const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
    const a = text.indexOf(BEGIN);
    const b = text.indexOf(END);
    const next =
      a >= 0 && b > a
        ? `${text.slice(0, a)}${BEGIN}\n${block}\n${text.slice(b)}`
        : `${text.trimEnd()}\n\n## Printed reports (复盘报告 to PDF)\n\n${BEGIN}\n${block}\n${END}\n`;
    writeFileSync(path, next);
  });
});
