/**
 * End to end with a campaign owner's own spreadsheets (test/helpers/owner-sheets.ts): the import
 * preview keeps unreadable cells as text, lets them be corrected, says which year it assumed and
 * lets it be changed, and blocks a file whose rows would break the plan, naming them. In Debian's
 * headless Chromium through the built bridge; every result read back from the SQLite file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENS } from '../helpers/browser';
import { gridCell, pasteInto } from '../helpers/grid';
import { gbCsv, OWNER_TASK_ROWS, ownerTasksXlsx, TEMPLATE_TASK_HEADERS } from '../helpers/owner-sheets';
import { toTsv } from '../../src-renderer/features/tasks/tsv';
import { openSession, type Session } from '../helpers/session';

let session: Session;
let page: Page;
/** Where screenshots go (CT_SHOTS_DIR to keep them apart from other runs). */
const SHOTS = process.env.CT_SHOTS_DIR || SCREENS;

async function shoot(name: string, widths: number[] = [1280]) {
  mkdirSync(SHOTS, { recursive: true });
  for (const width of widths) {
    await page.setViewportSize({ width, height: width >= 1920 ? 1080 : 860 });
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1440, height: 860 });
}

function readDb<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(session.file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const projectId = (name: string) =>
  readDb<{ id: string }>('SELECT id FROM projects WHERE name = ?', name)[0]?.id;

function tasksOf(name: string) {
  return readDb<{
    code: string;
    name: string;
    owner: string | null;
    start: string | null;
    end: string | null;
    budget: number | null;
    manpower: string;
    tools: string;
    progress: number;
    milestone: number;
    notes: string;
  }>(
    `SELECT t.code, t.name, p.name AS owner, t.start_date AS start, t.end_date AS end, t.budget_fen AS budget,
            t.manpower, t.tools, t.progress, t.milestone, t.notes
       FROM tasks t LEFT JOIN people p ON p.id = t.owner_id
      WHERE t.project_id = ? ORDER BY t.position`,
    projectId(name),
  );
}

async function newProject(name: string) {
  await page.getByRole('button', { name: '新建项目' }).click();
  await page.getByPlaceholder(/策略名称/).fill(name);
  await page.keyboard.press('Enter');
  await page.locator('.project-header h1').getByText(name).waitFor();
  await page.getByRole('tab', { name: '任务拆解' }).click();
}

async function choose(path: string) {
  await page.getByTestId('import-file-tasks').setInputFiles(path);
  // The first file read also loads the spreadsheet library in the main process (it is not loaded
  // at start): on a loaded machine that alone has taken more than the default 10 s.
  await page.getByTestId('import-preview').waitFor({ timeout: 30_000 });
}

const files: Record<string, string> = {};

beforeAll(async () => {
  session = await openSession('ct-e2e-owner-');
  page = session.browser.page;
  files.xlsx = join(session.dataDir, '夏季新品推广-表2.xlsx');
  writeFileSync(files.xlsx, await ownerTasksXlsx());
  files.broken = join(session.dataDir, '双11计划.csv');
  writeFileSync(
    files.broken,
    gbCsv([
      ['2024双11计划'],
      ['任务ID', '任务名称', '负责人', '起止时间', '所需资源（预算/人力/工具）', '当前进度', '前置任务'],
      ['M001', '预热', '', '5月10日-5月1日', '外包', '', ''],
      ['M002', '上线', '', '5月11日-5月20日', '', '进行中', 'M003'],
      ['M003', '复盘', '', '5月21日-5月30日', '', '', 'M002'],
      ['M004', '收尾', '', '6月1日', '', '', 'M404'],
    ]),
  );
});

afterAll(async () => {
  await session?.close();
});

describe('the import preview with an owner’s own Table 2', () => {
  it('keeps three unreadable cells as text and takes 2023 from the sheet’s title', async () => {
    await page.goto(session.bridge.url);
    await page.getByText('2024夏季新品推广').first().waitFor();
    await newProject('夏季新品推广');
    await choose(files.xlsx!);
    const preview = page.getByTestId('import-preview');
    await preview.getByText('3 个单元格无法按列识别').waitFor();
    expect(await page.getByTestId('import-year').innerText()).toContain('表中日期未写年份，按 2023 年读取');
    expect(await page.getByTestId('import-year').innerText()).toContain('2023夏季新品推广');
    const problems = page.getByTestId('import-problem');
    expect(await problems.count()).toBe(3);
    expect(await problems.allInnerTexts()).toEqual([
      expect.stringMatching(/第 9 行\s+负责人\s+每项只能有一位负责人（「张三、李四」）\s+✎ 保留为文字/),
      expect.stringMatching(/第 10 行\s+当前进度\s+.*\s+✎ 保留为文字/),
      expect.stringMatching(/第 11 行\s+起止时间\s+无法识别的时间「5月上旬」.*\s+✎ 保留为文字/),
    ]);
    expect(await page.getByTestId('import-confirm').innerText()).toBe('导入 10 行（3 处保留为文字）');
    expect(await page.getByTestId('import-confirm').isDisabled()).toBe(false);
    await shoot('import-preview-kept-zh-light', [1280, 1920]);
  });

  it('corrects a cell and changes the year in the preview, then imports; the file holds what was shown', async () => {
    await page.getByTestId('import-fix').first().fill('张三');
    await page.getByTestId('import-recheck').click();
    await page.getByText('2 个单元格无法按列识别').waitFor();
    expect(await page.getByTestId('import-new-people').innerText()).toContain('张三');
    await page.getByTestId('import-year-input').fill('2024');
    await page.getByTestId('import-year-apply').click();
    await page.getByText('表中日期未写年份，按 2024 年读取').waitFor();
    expect(await page.getByTestId('import-year').innerText()).toContain('你选择的年份');
    expect(tasksOf('夏季新品推广')).toEqual([]);
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-preview').waitFor({ state: 'detached' });
    await expect.poll(() => tasksOf('夏季新品推广').length).toBe(10);
    const stored = tasksOf('夏季新品推广');
    expect(stored[0]).toEqual({
      code: 'M001',
      name: '社交媒体素材制作',
      owner: '内容组*主管',
      start: '2024-04-20',
      end: '2024-04-30',
      budget: 3_500_000,
      manpower: '文案1人',
      tools: '秀米',
      progress: 100,
      milestone: 0,
      notes: '',
    });
    expect(stored.map((t) => [t.code, t.owner, t.budget, t.manpower, t.tools, t.milestone, t.notes])).toEqual(
      [
        ['M001', '内容组*主管', 3_500_000, '文案1人', '秀米', 0, ''],
        ['M002', '渠道组*专员', null, '2人', '剪映', 0, '依赖素材'],
        ['M003', '内容组*主管', null, '全组', '', 0, ''],
        ['M004', '销售组*主管', 800_000, '', '', 0, ''],
        ['M005', '渠道组*专员', null, '外包', '', 1, '里程碑'],
        ['M006', '张三', 12_000_000, '', '', 0, ''],
        ['M007', '运营组*专员', null, '运营2人', '企业微信', 0, '每日跟踪\n当前进度：进行中'],
        ['M008', '销售组*主管', null, '', '物料', 0, '起止时间：5月上旬'],
        ['M009', '内容组*主管', 800_000, '设计2人', '稿定设计', 0, ''],
        ['M010', '市场部*经理', null, '', '', 0, ''],
      ],
    );
    expect(stored.map((t) => t.start)).toEqual([
      '2024-04-20',
      '2024-05-01',
      '2024-05-10',
      '2024-05-15',
      '2024-05-10',
      '2024-05-20',
      '2024-05-01',
      null,
      '2024-06-01',
      '2024-07-25',
    ]);
    await page.locator('[data-testid="task-grid"] .ag-row[row-id]').first().waitFor();
  });

  it('blocks a file whose rows would break the plan, naming them; nothing is written', async () => {
    await newProject('双11演练');
    await choose(files.broken!);
    await page.getByText('3 处问题会破坏计划').waitFor();
    expect(await page.getByTestId('import-confirm').isDisabled()).toBe(true);
    const blocking = page.locator('[data-testid="import-problem"].blocking');
    expect(await blocking.count()).toBe(3);
    const text = (await blocking.allInnerTexts()).join('\n');
    expect(text).toMatch(/第 3 行\s+起止时间/);
    expect(text).toMatch(/第 5 行\s+前置任务/);
    expect(text).toMatch(/第 6 行\s+前置任务/);
    await shoot('import-preview-blocking-zh-light', [1280, 1920]);
    await page.locator('.side-footer select').first().selectOption('dark');
    await shoot('import-preview-blocking-zh-dark', [1280]);
    await page.getByTestId('import-cancel').click();
    expect(tasksOf('双11演练')).toEqual([]);
  });

  it('in English and dark: the kept cells and the assumed year are worded', async () => {
    await page.locator('.side-footer select').nth(1).selectOption('en');
    await choose(files.xlsx!);
    await page.getByText('3 cells cannot be read as their column').waitFor();
    expect(await page.getByTestId('import-year').innerText()).toContain(
      'Dates in the file have no year: read as 2023',
    );
    expect(await page.getByTestId('import-confirm').innerText()).toBe('Import 10 rows (3 kept as text)');
    await shoot('import-preview-kept-en-dark', [1280, 1920]);
    await page.locator('.side-footer select').first().selectOption('light');
    await shoot('import-preview-kept-en-light', [1280]);
    await page.getByTestId('import-cancel').click();
    await page.locator('.side-footer select').nth(1).selectOption('zh-CN');
  });
});

describe('paste in the template’s layout', () => {
  /** The owner's rows with the three cells a paste cannot read corrected, as the owner would before copying. */
  const fixedRows = () => {
    const rows = OWNER_TASK_ROWS.map((r) => [...r]);
    rows[5]![3] = '张三';
    rows[6]![7] = '50%';
    rows[7]![4] = '5月1日-5月10日';
    return rows;
  };
  const year = new Date().getFullYear();

  it('fills an empty Table 2 from a block with the template’s headers, once the new owners are confirmed', async () => {
    await page.getByText('双11演练').first().click();
    await page.locator('.project-header h1').getByText('双11演练').waitFor();
    await page.getByRole('tab', { name: '任务拆解' }).click();
    await page.getByTestId('tasks-empty').waitFor();
    await pasteInto(page, 'tasks-empty', toTsv([TEMPLATE_TASK_HEADERS, ...fixedRows()]));
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('粘贴 10 行').waitFor();
    expect(await dialog.innerText()).toContain(
      '以下 6 位负责人还不在团队中，粘贴时将作为执行人加入团队：内容组*主管、渠道组*专员、销售组*主管、张三、运营组*专员、市场部*经理',
    );
    await shoot('paste-join-team-zh-light', [1280, 1920]);
    expect(tasksOf('双11演练')).toEqual([]);
    await dialog.getByTestId('confirm-ok').click();
    await expect.poll(() => tasksOf('双11演练').length).toBe(10);
    const stored = tasksOf('双11演练');
    expect(
      stored.map((t) => [
        t.code,
        t.name,
        t.owner,
        t.start,
        t.end,
        t.budget,
        t.manpower,
        t.tools,
        t.milestone,
      ]),
    ).toEqual([
      [
        'M001',
        '社交媒体素材制作',
        '内容组*主管',
        `${year}-04-20`,
        `${year}-04-30`,
        3_500_000,
        '文案1人',
        '秀米',
        0,
      ],
      ['M002', 'KOL合作落地', '渠道组*专员', `${year}-05-01`, `${year}-05-31`, null, '2人', '剪映', 0],
      ['M003', '直播带货', '内容组*主管', `${year}-05-10`, `${year}-07-20`, null, '全组', '', 0],
      ['M004', '线下地推执行', '销售组*主管', `${year}-05-15`, `${year}-07-15`, 800_000, '', '', 0],
      ['M005', '活动上线', '渠道组*专员', `${year}-05-10`, `${year}-05-10`, null, '外包', '', 1],
      ['M006', '媒体投放', '张三', `${year}-05-20`, `${year}-06-20`, 12_000_000, '', '', 0],
      ['M007', '社群运营', '运营组*专员', `${year}-05-01`, `${year}-07-31`, null, '运营2人', '企业微信', 0],
      ['M008', '门店陈列', '销售组*主管', `${year}-05-01`, `${year}-05-10`, null, '', '物料', 0],
      [
        'M009',
        '详情页优化',
        '内容组*主管',
        `${year}-06-01`,
        `${year}-06-15`,
        800_000,
        '设计2人',
        '稿定设计',
        0,
      ],
      ['M010', '活动复盘', '市场部*经理', `${year}-07-25`, `${year}-07-31`, null, '', '', 0],
    ]);
    expect(
      readDb<{ name: string; role: string }>(
        'SELECT name, role FROM people WHERE project_id = ? ORDER BY position',
        projectId('双11演练'),
      ).map((p) => `${p.name}:${p.role}`),
    ).toEqual([
      '内容组*主管:executor',
      '渠道组*专员:executor',
      '销售组*主管:executor',
      '张三:executor',
      '运营组*专员:executor',
      '市场部*经理:executor',
    ]);
    await expect.poll(() => page.locator('[data-testid="task-grid"] .ag-row[row-id]').count()).toBe(10);
    await page.getByTestId('paste-info').getByText('已粘贴 10 行(新增 10 行) · 6 人加入团队').waitFor();
    await shoot('paste-filled-zh-light', [1280]);
  });

  it('lands a headerless block of the template’s nine columns by field from the focused row', async () => {
    const m010 = readDb<{ id: string }>(
      "SELECT id FROM tasks WHERE project_id = ? AND code = 'M010'",
      projectId('双11演练'),
    )[0]!.id;
    await gridCell(page, m010, 'name').click();
    const block = [
      [
        'M010',
        '活动复盘',
        '复盘报告',
        '市场部*经理',
        '7月25日-7月31日',
        '预算5000元/全组',
        '审阅通过',
        '10%',
        '',
      ],
      [
        '',
        '◆ 补充投放上线',
        '投放计划',
        '张三',
        '8月1日',
        '预算2万/投放1人/巨量引擎',
        '上线',
        '0',
        '依赖M006',
      ],
    ];
    await pasteInto(page, 'task-grid', toTsv(block) + '\r\n');
    await expect.poll(() => tasksOf('双11演练').length).toBe(11);
    expect(
      tasksOf('双11演练')
        .slice(9)
        .map((t) => [
          t.code,
          t.name,
          t.owner,
          t.start,
          t.end,
          t.budget,
          t.manpower,
          t.tools,
          t.progress,
          t.milestone,
        ]),
    ).toEqual([
      ['M010', '活动复盘', '市场部*经理', `${year}-07-25`, `${year}-07-31`, 500_000, '全组', '', 10, 0],
      [
        'M011',
        '补充投放上线',
        '张三',
        `${year}-08-01`,
        `${year}-08-01`,
        2_000_000,
        '投放1人',
        '巨量引擎',
        0,
        1,
      ],
    ]);
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
  });

  it('asks before adding owners (dark, Chinese then English), and writes nothing when cancelled', async () => {
    await page.locator('.side-footer select').first().selectOption('dark');
    const before = tasksOf('双11演练');
    const m001 = readDb<{ id: string }>(
      "SELECT id FROM tasks WHERE project_id = ? AND code = 'M001'",
      projectId('双11演练'),
    )[0]!.id;
    await gridCell(page, m001, 'name').click();
    await pasteInto(
      page,
      'task-grid',
      toTsv([
        TEMPLATE_TASK_HEADERS,
        ['', '新品试用', '试用报告', '王小明', '6月1日-6月5日', '2人', '', '', ''],
      ]),
    );
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('粘贴 1 行').waitFor();
    await shoot('paste-join-team-zh-dark', [1280]);
    // The dialog follows a change of language while it is open.
    await page.locator('.side-footer select').nth(1).selectOption('en');
    await dialog.getByText('Paste rows: 1').waitFor();
    expect(await dialog.innerText()).toContain('will join it as executors with the paste: 王小明');
    await shoot('paste-join-team-en-dark', [1280, 1920]);
    await page.locator('.side-footer select').first().selectOption('light');
    await shoot('paste-join-team-en-light', [1280]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(tasksOf('双11演练')).toEqual(before);
    await page.locator('.side-footer select').nth(1).selectOption('zh-CN');
  });

  it('reported no errors in the page', () => {
    expect(session.browser.problems).toEqual([]);
  });
});
