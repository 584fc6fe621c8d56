/**
 * End to end: the printed reports. The report is a page of the renderer (#/report?…); it is
 * opened through the bridge in headless Chromium and printed with page.pdf() — the engine behind
 * Electron's printToPDF — then read back with poppler-utils: pdftotext for the words (page by
 * page where it matters), pdfinfo for the paper, pdffonts for the embedded font. The archive and
 * the lessons library are driven through the app's own screens and checked against the file.
 */
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../helpers/app';
import { gridCell } from '../helpers/grid';
import { openReportSession, pdfText, type ReportSession } from '../helpers/reports';
import type { Session } from '../helpers/session';

let reports: ReportSession;
let session: Session;
let page: Page;
let demoId = '';
const api = <T = unknown>(channel: string, payload: unknown) => reports.api<T>(channel, payload);
const printReport = (name: string, params: Record<string, string>) => reports.print(name, params);
const text = pdfText;
const info = (file: string) => execFileSync('pdfinfo', [file]).toString();
const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(info(file))?.[1]);
/** The fonts of the PDF as pdffonts lists them: name and whether embedded. */
function fonts(file: string): { name: string; embedded: boolean }[] {
  return execFileSync('pdffonts', [file])
    .toString()
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name, type words…, encoding, emb, sub, uni, object, id: "emb" is the 5th column from the end.
      return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
    });
}

beforeAll(async () => {
  reports = await openReportSession('ct-e2e-reports-', 60);
  ({ session, page, demoId } = reports);
}, 60_000);

afterAll(async () => {
  await reports?.close();
});

describe('the retrospective report (复盘报告) of the demo', () => {
  it('holds 销量 4万台 of 10万台 at 40%, the goal, the lessons; A4; set in the shipped Noto Sans SC', async () => {
    const file = await printReport('retro-demo', { project: demoId, kind: 'retro' });
    const all = text(file);
    expect(all).toContain('2024夏季新品推广');
    expect(all).toContain('3个月内销量10万台,品牌声量提升40%');
    // One row of the results: target, actual, completion.
    expect(all).toMatch(/销量.*10万台\s+4万台\s+40%/);
    expect(all).toMatch(/小红书曝光量.*200万次\s+215万次\s+107\.5%/);
    expect(all).toContain('部分区域场地成本超预算,签约前未比价');
    expect(all).toContain('¥2,170,000.00'); // exact in the note
    expect(all).toContain('¥217万'); // compact in the card
    // Running header and footer from the page rules.
    expect(text(file, 2)).toContain('2024夏季新品推广 · 复盘报告');
    expect(text(file, 2)).toMatch(/第\s*2\s*页\s*\/\s*共\s*\d+\s*页/);
    expect(info(file)).toMatch(/Page size:\s+594\.96 x 841\.92 pts \(A4\)/);
    const used = fonts(file);
    expect(used.length).toBeGreaterThan(0);
    // Every font of the PDF is the shipped one, embedded: no fallback to whatever the machine has.
    for (const f of used) {
      expect(f.name).toMatch(/^[A-Z]{6}\+NotoSansSC/);
      expect(f.embedded).toBe(true);
    }
    expect(session.browser.problems).toEqual([]);
  }, 90_000);

  it('leaves out a section turned off; Letter landscape is Letter landscape; English reads English', async () => {
    const file = await printReport('retro-no-lessons', {
      project: demoId,
      kind: 'retro',
      off: 'lessons,table2',
      paper: 'Letter',
      orientation: 'landscape',
      lang: 'en',
    });
    const all = text(file);
    expect(all).toContain('Results');
    expect(all).toMatch(/100K\s*台\s+40K\s*台\s+40%/);
    expect(all).not.toContain('Lessons learned');
    expect(all).not.toContain('签约前未比价');
    expect(all).not.toContain('Task breakdown');
    expect(info(file)).toMatch(/Page size:\s+792 x 612 pts \(letter\)/);
    // The same report with the lessons: they are there.
    const withLessons = text(await printReport('retro-en', { project: demoId, kind: 'retro', lang: 'en' }));
    expect(withLessons).toContain('Lessons learned');
    expect(withLessons).toContain('签约前未比价');
  }, 90_000);

  it('the weekly report (周报): the period, progress against time, variances, attention', async () => {
    const file = await printReport('weekly-demo', { project: demoId, kind: 'weekly' });
    const all = text(file);
    expect(all).toContain('周报');
    expect(all).toMatch(/第 3 期 2024年6月17日–6月23日/);
    expect(all).toMatch(/社交媒体推广\s+60%\s+70\.7%/);
    expect(all).toContain('指标偏差');
    expect(all).toContain('需要关注');
    expect(pages(file)).toBeLessThanOrEqual(2); // ui.md: two pages for a typical campaign
  }, 90_000);
});

describe('Table 2 as an appendix', () => {
  it('200 tasks span pages, the header row repeated on each page, no row cut across pages', async () => {
    const p = await api<{ id: string }>('projects.create', { name: '大表项目' });
    const rows = Array.from({ length: 200 }, (_, i) => ({
      ref: i + 1,
      values: {
        name: `任务${String(i + 1).padStart(3, '0')}`,
        deliverable: `交付物${String(i + 1).padStart(3, '0')},含两行说明以便跨页检查`,
        start: '2025-03-01',
        end: '2025-03-31',
      },
    }));
    await api('tasks.paste', { projectId: p.id, rows });
    const file = await printReport('table2-200', {
      project: p.id,
      kind: 'retro',
      off: 'results,table1,tasks,issues,adjustments,lessons',
    });
    const n = pages(file);
    expect(n).toBeGreaterThanOrEqual(4); // the cover, then the appendix over several pages
    const seen = new Map<string, number>();
    for (let pageNo = 2; pageNo <= n; pageNo++) {
      const onPage = text(file, pageNo);
      // The header row, repeated.
      expect(onPage, `page ${pageNo}`).toMatch(/任务ID\s+任务名称/);
      expect(onPage, `page ${pageNo}`).toMatch(/完成标准/);
      for (const m of onPage.matchAll(/M(\d{3})\s+任务(\d{3})/g)) {
        expect(m[1]).toBe(m[2]);
        seen.set(m[1]!, pageNo);
        // The row's deliverable is on the same page as its code: the row was not cut.
        expect(onPage, `M${m[1]} on page ${pageNo}`).toContain(`交付物${m[1]}`);
      }
    }
    expect(seen.size).toBe(200);
  }, 120_000);
});

describe('archive', () => {
  it('an archived project refuses an edit with a message, changes nothing, and still prints', async () => {
    const p = await api<{ id: string }>('projects.create', { name: '归档项目' });
    await api('projects.update', { id: p.id, patch: { goal: '原目标' } });
    const person = await api<{ id: string }>('people.create', { projectId: p.id, name: '原成员' });
    const module = await api<{ id: string }>('modules.create', {
      projectId: p.id,
      values: { name: '原模块' },
    });
    const task = await api<{ id: string }>('tasks.create', { projectId: p.id, values: { name: '原任务' } });
    await page.goto(session.bridge.url);
    await page.getByTestId('project-item').filter({ hasText: '归档项目' }).click();
    await page.getByRole('tab', { name: '复盘' }).click();
    await page.getByTestId('archive').click();
    await page.getByTestId('archived-banner').waitFor();
    // The sidebar lists it under 已归档.
    await expect.poll(() => page.getByTestId('archived-projects').textContent()).toContain('归档项目');
    expect(await page.getByTestId('running-projects').textContent()).not.toContain('归档项目');

    await page.getByRole('tab', { name: '目标与团队' }).click();
    const goal = page.getByLabel('目标描述(SMART)');
    await goal.fill('想改目标');
    await goal.blur();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('已归档');
    const stored = query<{ goal: string; status: string }>(
      session.file,
      'SELECT goal, status FROM projects WHERE id = ?',
      p.id,
    );
    expect(stored).toEqual([{ goal: '原目标', status: 'archived' }]);

    // Its grids open no editor and its add buttons are off: nothing to type that would be refused.
    expect(await page.getByTestId('add-person').isDisabled()).toBe(true);
    await gridCell(page, person.id, 'name').dblclick();
    expect(await page.locator('.ag-cell-inline-editing').count()).toBe(0);
    await page.getByRole('tab', { name: '跟踪总表' }).click();
    await gridCell(page, module.id, 'name').dblclick();
    expect(await page.locator('.ag-cell-inline-editing').count()).toBe(0);
    await page.getByRole('tab', { name: '问题与反馈' }).click();
    expect(await page.getByTestId('add-issues').isDisabled()).toBe(true);
    await page.getByRole('tab', { name: '任务拆解' }).click();
    expect(await page.getByTestId('add-task').isDisabled()).toBe(true);
    await gridCell(page, task.id, 'name').dblclick();
    expect(await page.locator('.ag-cell-inline-editing').count()).toBe(0);
    const names = query<{ name: string }>(session.file, 'SELECT name FROM modules WHERE id = ?', module.id);
    expect(names).toEqual([{ name: '原模块' }]);

    const file = await printReport('retro-archived', { project: p.id, kind: 'retro' });
    expect(text(file)).toContain('归档项目');
    expect(text(file)).toContain('原目标');
  }, 90_000);
});

describe('lessons library', () => {
  it('finds a lesson by tag across two projects', async () => {
    const other = await api<{ id: string }>('projects.create', { name: '2025春节活动' });
    await api('lessons.create', {
      projectId: other.id,
      values: {
        kind: 'improvement',
        text: '快闪店选址先看商圈人流数据',
        channel: '线下快闪',
        tactic: '地推活动',
      },
    });
    await page.goto(session.bridge.url);
    await page.getByTestId('open-library').click();
    await page.getByTestId('library-tag').fill('线下快闪');
    await expect.poll(() => page.getByTestId('library-hit').count()).toBe(3);
    const hits = await page.getByTestId('library-hit').allTextContents();
    expect(hits.some((h) => h.includes('2025春节活动') && h.includes('快闪店选址先看商圈人流数据'))).toBe(
      true,
    );
    expect(hits.filter((h) => h.includes('2024夏季新品推广'))).toHaveLength(2);

    // Carried into another campaign's strategy: added to its 核心动作, naming where it came from.
    await page.getByLabel('借鉴到').selectOption({ label: '2025春节活动' });
    const demoHit = page.getByTestId('library-hit').filter({ hasText: '签约前未比价' });
    await demoHit.getByRole('button', { name: '加入该项目的核心动作' }).click();
    await expect
      .poll(
        () =>
          query<{ actions: string }>(session.file, 'SELECT actions FROM projects WHERE id = ?', other.id)[0]
            ?.actions,
      )
      .toBe('借鉴(2024夏季新品推广):部分区域场地成本超预算,签约前未比价');
  }, 60_000);
});

describe('print preview in the app', () => {
  it('Ctrl+P opens it; a section unticked disappears from the sheet', async () => {
    await page.goto(session.bridge.url);
    await page.getByTestId('project-item').filter({ hasText: '2024夏季新品推广' }).click();
    await page.getByRole('tab', { name: '复盘' }).click();
    await page.getByTestId('retro-tab').waitFor();
    await page.keyboard.press('Control+P');
    const preview = page.getByTestId('print-preview');
    await preview.waitFor();
    await expect.poll(() => preview.getByTestId('report').textContent()).toContain('经验与教训');
    await page.getByTestId('section-lessons').uncheck();
    await expect.poll(() => preview.getByTestId('report').textContent()).not.toContain('经验与教训');
    await expect.poll(() => preview.getByTestId('report').textContent()).toContain('结果评估');
    await page.getByTestId('preview-close').click();
    await expect.poll(() => page.getByTestId('print-preview').count()).toBe(0);
  }, 60_000);
});
