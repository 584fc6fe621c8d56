/**
 * End to end: export and import of Table 1 and Table 2 through the toolbar buttons, in Debian's
 * headless Chromium through the built bridge, with every write checked in the SQLite file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/backend';
import { screenshot, type Browser } from '../helpers/browser';
import { ROOT, type RunningBridge } from '../helpers/bridge';
import { openSession, type Session } from '../helpers/session';

let dataDir: string;
let bridge: RunningBridge;
let browser: Browser;
let page: Page;
const files: Record<string, string> = {};

function readDb<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const projectId = (name: string) =>
  readDb<{ id: string }>('SELECT id FROM projects WHERE name = ?', name)[0]?.id;

/** Table 2 of a project as the user sees it: owners, modules, parents and predecessors by name/code. */
function tasksOf(name: string) {
  return readDb(
    `SELECT t.code, t.name, t.deliverable, p.name AS owner, t.start_date, t.end_date, t.budget_fen, t.manpower,
            t.tools, t.criteria, t.progress, t.notes, m.name AS module, t.milestone, t.blocked, parent.code AS parent,
            (SELECT group_concat(code, ' ') FROM (SELECT pt.code FROM task_links l JOIN tasks pt ON pt.id = l.predecessor_id
              WHERE l.successor_id = t.id ORDER BY pt.code)) AS predecessors
       FROM tasks t
       LEFT JOIN people p ON p.id = t.owner_id
       LEFT JOIN modules m ON m.id = t.module_id
       LEFT JOIN tasks parent ON parent.id = t.parent_id
      WHERE t.project_id = ? ORDER BY t.position`,
    projectId(name),
  );
}

function modulesOf(name: string) {
  return readDb(
    `SELECT m.name, p.name AS owner, m.progress_override, m.milestone, m.summary, m.issues, m.suggestions, m.result
       FROM modules m LEFT JOIN people p ON p.id = m.owner_id WHERE m.project_id = ? ORDER BY m.position`,
    projectId(name),
  );
}

async function openTab(name: '任务拆解' | '跟踪总表') {
  await page.getByRole('tab', { name }).click();
}

/** Exports through the toolbar menu and keeps the downloaded file. */
async function exportFile(table: 'tasks' | 'modules', format: 'xlsx' | 'csv'): Promise<string> {
  await page.getByTestId(`export-${table}`).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(`export-${table}-${format}`).click(),
  ]);
  const path = join(dataDir, download.suggestedFilename());
  await download.saveAs(path);
  return path;
}

async function choose(table: 'tasks' | 'modules', path: string) {
  await page.getByTestId(`import-file-${table}`).setInputFiles(path);
  // The first file read also loads the spreadsheet library in the main process (not at start).
  await page.getByTestId('import-preview').waitFor({ timeout: 30_000 });
}

let session: Session;

beforeAll(async () => {
  session = await openSession('ct-e2e-sheets-');
  ({ dataDir, bridge, browser } = session);
  page = browser.page;
});

afterAll(async () => {
  await session?.close();
});

describe('spreadsheets, end to end', () => {
  it('exports Table 2 and Table 1 of the demo project as .xlsx downloads', async () => {
    await page.goto(bridge.url);
    await page.getByText('2024夏季新品推广').first().waitFor();
    await openTab('任务拆解');
    await page.getByTestId('task-grid').waitFor();
    files.tasks = await exportFile('tasks', 'xlsx');
    expect(files.tasks).toMatch(/2024夏季新品推广-执行任务拆解表-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(readFileSync(files.tasks).subarray(0, 2).toString()).toBe('PK');
    await page.getByRole('status').getByText('已导出').waitFor();

    await openTab('跟踪总表');
    files.modules = await exportFile('modules', 'xlsx');
    expect(files.modules).toMatch(/营销策略执行跟踪总表-.*\.xlsx$/);
    files.tasksCsv = await (async () => {
      await openTab('任务拆解');
      return exportFile('tasks', 'csv');
    })();
    const csv = readFileSync(files.tasksCsv);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain('任务ID,任务名称,任务描述(交付物),负责人,开始,结束,预算(元)');
  });

  it('previews Table 2 in a new project: unknown modules are kept as text, and cancelling writes nothing', async () => {
    await page.getByRole('button', { name: '新建项目' }).click();
    await page.getByPlaceholder(/策略名称/).fill('导入演练');
    await page.keyboard.press('Enter');
    await page.locator('.project-header h1').getByText('导入演练').waitFor();
    await openTab('任务拆解');
    await choose('tasks', files.tasks!);
    const preview = page.getByTestId('import-preview');
    await preview.getByText('6 个单元格无法按列识别').waitFor();
    expect(await preview.getByTestId('import-problems').innerText()).toContain(
      '没有名为「社交媒体推广」的模块（请先在跟踪总表中添加或导入表1）',
    );
    // A module name is free text that can be kept: the rows could import, with it in 备注.
    expect(await page.getByTestId('import-confirm').innerText()).toBe('导入 7 行（6 处保留为文字）');
    expect(await page.getByTestId('import-confirm').isDisabled()).toBe(false);
    expect(await page.getByTestId('import-mapping').innerText()).toContain('任务描述(交付物)');
    await screenshot(page, 'sheets-preview-problems');
    await page.getByTestId('import-cancel').click();
    await page.getByTestId('import-preview').waitFor({ state: 'detached' });
    expect(tasksOf('导入演练')).toEqual([]);
    expect(readDb('SELECT 1 FROM people WHERE project_id = ?', projectId('导入演练'))).toEqual([]);
  });

  it('imports Table 1, then Table 2, and the rows read back from the file equal the demo’s', async () => {
    await openTab('跟踪总表');
    await choose('modules', files.modules!);
    const preview = page.getByTestId('import-preview');
    await preview.getByTestId('import-ok').waitFor();
    expect(await preview.getByTestId('import-new-people').innerText()).toContain('内容组*主管');
    expect(await preview.innerText()).toContain('3个月内销量10万台,品牌声量提升40%');
    await screenshot(page, 'sheets-preview-modules');
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-preview').waitFor({ state: 'detached' });
    await expect.poll(() => modulesOf('导入演练')).toEqual(modulesOf('2024夏季新品推广'));
    await page.getByTestId('tracking-grid').getByText('社交媒体推广').waitFor();

    await openTab('任务拆解');
    await choose('tasks', files.tasks!);
    await page.getByTestId('import-ok').waitFor();
    expect(await page.getByTestId('import-rows').innerText()).toContain('社交媒体素材制作');
    await screenshot(page, 'sheets-preview-tasks');
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-preview').waitFor({ state: 'detached' });
    await expect.poll(() => tasksOf('导入演练').length).toBe(7);
    expect(tasksOf('导入演练')).toEqual(tasksOf('2024夏季新品推广'));
    // The grid shows them, and the import is the step an undo would revert.
    await expect.poll(() => page.locator('[data-testid="task-grid"] .ag-row[row-id]').count()).toBe(7);
    expect(
      readDb<{ action: string }>(
        'SELECT action FROM history WHERE project_id = ? ORDER BY seq DESC LIMIT 1',
        projectId('导入演练'),
      ),
    ).toEqual([{ action: 'sheets.import' }]);
    await screenshot(page, 'sheets-imported-grid');
  });

  it('imports the Chinese-header CSV as WPS saves it, renumbering codes already taken', async () => {
    await choose('tasks', join(ROOT, 'test/fixtures/tasks-wps.csv'));
    const preview = page.getByTestId('import-preview');
    await preview.getByTestId('import-ok').waitFor();
    expect(await preview.getByTestId('import-new-people').innerText()).toBe('赵六');
    const rows = await preview.getByTestId('import-rows').innerText();
    expect(rows).toContain('→ M008');
    expect(rows).toContain('4月20日-4月30日');
    await screenshot(page, 'sheets-preview-csv');
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-preview').waitFor({ state: 'detached' });
    await expect.poll(() => tasksOf('导入演练').length).toBe(12);
    expect(tasksOf('导入演练').slice(7)).toEqual([
      expect.objectContaining({
        code: 'M008',
        name: '社交媒体素材制作',
        start_date: '2024-04-20',
        end_date: '2024-04-30',
        budget_fen: 800_000,
      }),
      expect.objectContaining({ code: 'M009', name: 'KOL合作落地', owner: '渠道组*专员', progress: 80 }),
      expect.objectContaining({ code: 'M010', name: '直播带货', budget_fen: 40_000_000 }),
      expect.objectContaining({ code: 'M011', name: '线下地推执行', tools: '活动物料' }),
      expect.objectContaining({ code: 'M012', name: '活动复盘报告', owner: '赵六', end_date: '2024-07-31' }),
    ]);
    await page.getByRole('status').getByText('赵六 已加入团队').waitFor();
  });

  it('speaks English when the interface does', async () => {
    await page.locator('.side-footer select').nth(1).selectOption('en');
    await page.getByTestId('export-tasks').click();
    await page.getByTestId('export-tasks-csv').getByText('CSV, UTF-8 (.csv)').waitFor();
    await screenshot(page, 'sheets-export-menu-en');
    await page.keyboard.press('Escape');
    await choose('tasks', join(ROOT, 'test/fixtures/tasks-wps.csv'));
    const preview = page.getByTestId('import-preview');
    await preview.getByText('Import preview · Table 2 Task breakdown').waitFor();
    // The file's Chinese headers, mapped onto the English labels.
    expect(await preview.getByTestId('import-mapping').innerText()).toContain(
      'Resources (budget / people / tools)',
    );
    await screenshot(page, 'sheets-preview-en');
    await page.getByTestId('import-cancel').click();
    await page.locator('.side-footer select').nth(1).selectOption('zh-CN');
    await page.getByRole('tab', { name: '任务拆解' }).waitFor();
  });

  it('explains a file it cannot read, and writes nothing', async () => {
    const before = tasksOf('导入演练').length;
    await page.getByTestId('import-file-tasks').setInputFiles({
      name: '照片.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
    });
    const error = page.getByTestId('import-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('无法读取此文件');
    await screenshot(page, 'sheets-unreadable');
    await page.getByTestId('import-cancel').click();
    expect(tasksOf('导入演练').length).toBe(before);
  });

  it('reported no errors in the page', () => {
    expect(browser.problems).toEqual([]);
  });
});
