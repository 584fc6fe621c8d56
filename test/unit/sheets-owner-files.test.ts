/**
 * Importing Table 2 as a campaign owner's own files hold it (real .xlsx with merged cells, UTF-8
 * and GB18030 CSV, the template's combined columns, dates without a year): 所需资源 as people
 * write it, cells that cannot be read kept as text instead of refusing the file, rows that would
 * break the plan blocking it by name, and the year taken from the sheet's context. Every result
 * is read back from the SQLite file through a second connection.
 */
import type { Database as Db } from 'better-sqlite3';
import { describe, expect, onTestFinished, test } from 'vitest';
import { createRouter, type Router } from '../../src-main/router';
import { createPerson } from '../../src-main/services/people';
import { createProject } from '../../src-main/services/projects';
import { parseMoneyText, splitResources } from '../../src-main/shared/cell-parse';
import type { Input, Output } from '../../src-main/shared/contract';
import type { AppErrorData } from '../../src-main/shared/errors';
import { logicalHash, tempDatabase, withRaw } from '../helpers/db';
import {
  gb18030,
  gbCsv,
  OWNER_TASK_ROWS,
  OWNER_TITLE,
  ownerTasksXlsx,
  TEMPLATE_TASK_HEADERS,
  utf8Csv,
} from '../helpers/owner-sheets';

interface App {
  file: string;
  db: Db;
  router: Router;
}

function openApp(): App {
  const { file, db } = tempDatabase();
  onTestFinished(() => {
    if (db.open) db.close();
  });
  return { file, db, router: createRouter(db, { version: '0.0.0-test', logError: () => {} }) };
}

type SheetChannel = 'sheets.preview' | 'sheets.import';

async function ok<C extends SheetChannel>(app: App, channel: C, payload: Input<C>): Promise<Output<C>> {
  const result = await app.router.invokeAsync(channel, payload);
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value as Output<C>;
}

async function fail(app: App, channel: SheetChannel, payload: unknown): Promise<AppErrorData> {
  const result = await app.router.invokeAsync(channel, payload);
  if (result.ok) throw new Error(`${channel} should have been refused`);
  return result.error;
}

/** A project as a new user makes it: a name without a year, no period yet, part of the team. */
function ownerProject(app: App): string {
  const project = createProject(app.db, { name: '夏季新品推广' });
  for (const name of ['内容组*主管', '渠道组*专员', '销售组*主管', '市场部*经理'])
    createPerson(app.db, { projectId: project.id, name });
  return project.id;
}

const payload = (projectId: string, bytes: Buffer, fileName: string, extra: object = {}) => ({
  projectId,
  table: 'tasks' as const,
  fileName,
  base64: bytes.toString('base64'),
  ...extra,
});

interface Stored {
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
}

function readTasks(app: App, projectId: string): Stored[] {
  return withRaw(app.file, (raw) =>
    raw
      .prepare(
        `SELECT t.code, t.name, p.name AS owner, t.start_date AS start, t.end_date AS end,
                t.budget_fen AS budget, t.manpower, t.tools, t.progress, t.milestone, t.notes
           FROM tasks t LEFT JOIN people p ON p.id = t.owner_id
          WHERE t.project_id = ? ORDER BY t.position`,
      )
      .all(projectId),
  ) as Stored[];
}

/** What the ten rows of the owner's sheet must become, worked out by hand (budgets in fen). */
function expectedRows(year: number): Stored[] {
  const d = (md: string) => `${year}-${md}`;
  return [
    {
      code: 'M001',
      name: '社交媒体素材制作',
      owner: '内容组*主管',
      start: d('04-20'),
      end: d('04-30'),
      budget: 3_500_000,
      manpower: '文案1人',
      tools: '秀米',
      progress: 100,
      milestone: 0,
      notes: '',
    },
    {
      code: 'M002',
      name: 'KOL合作落地',
      owner: '渠道组*专员',
      start: d('05-01'),
      end: d('05-31'),
      budget: null,
      manpower: '2人',
      tools: '剪映',
      progress: 80,
      milestone: 0,
      notes: '依赖素材',
    },
    {
      code: 'M003',
      name: '直播带货',
      owner: '内容组*主管',
      start: d('05-10'),
      end: d('07-20'),
      budget: null,
      manpower: '全组',
      tools: '',
      progress: 45,
      milestone: 0,
      notes: '',
    },
    {
      code: 'M004',
      name: '线下地推执行',
      owner: '销售组*主管',
      start: d('05-15'),
      end: d('07-15'),
      budget: 800_000,
      manpower: '',
      tools: '',
      progress: 60,
      milestone: 0,
      notes: '',
    },
    {
      code: 'M005',
      name: '活动上线',
      owner: '渠道组*专员',
      start: d('05-10'),
      end: d('05-10'),
      budget: null,
      manpower: '外包',
      tools: '',
      progress: 0,
      milestone: 1,
      notes: '里程碑',
    },
    {
      code: 'M006',
      name: '媒体投放',
      owner: null,
      start: d('05-20'),
      end: d('06-20'),
      budget: 12_000_000,
      manpower: '',
      tools: '',
      progress: 20,
      milestone: 0,
      notes: '负责人：张三、李四',
    },
    {
      code: 'M007',
      name: '社群运营',
      owner: '运营组*专员',
      start: d('05-01'),
      end: d('07-31'),
      budget: null,
      manpower: '运营2人',
      tools: '企业微信',
      progress: 0,
      milestone: 0,
      notes: '每日跟踪\n当前进度：进行中',
    },
    {
      code: 'M008',
      name: '门店陈列',
      owner: '销售组*主管',
      start: null,
      end: null,
      budget: null,
      manpower: '',
      tools: '物料',
      progress: 10,
      milestone: 0,
      notes: '起止时间：5月上旬',
    },
    {
      code: 'M009',
      name: '详情页优化',
      owner: '内容组*主管',
      start: d('06-01'),
      end: d('06-15'),
      budget: 800_000,
      manpower: '设计2人',
      tools: '稿定设计',
      progress: 30,
      milestone: 0,
      notes: '',
    },
    {
      code: 'M010',
      name: '活动复盘',
      owner: '市场部*经理',
      start: d('07-25'),
      end: d('07-31'),
      budget: null,
      manpower: '',
      tools: '',
      progress: 0,
      milestone: 0,
      notes: '',
    },
  ];
}

describe('所需资源 as people write it', () => {
  test('amounts with a label, 元/万元/万/k, ¥ and separators', () => {
    expect(parseMoneyText('预算3.5万元')).toBe(3_500_000);
    expect(parseMoneyText('¥8,000')).toBe(800_000);
    expect(parseMoneyText('￥8,000.50')).toBe(800_050);
    expect(parseMoneyText('费用：5000元')).toBe(500_000);
    expect(parseMoneyText('8k')).toBe(800_000);
    expect(parseMoneyText('1.5K')).toBe(150_000);
    expect(parseMoneyText('12万')).toBe(12_000_000);
    for (const text of ['外包', '全组', '2人', '秀米', '待定', ''])
      expect(parseMoneyText(text), text).toBeNull();
  });

  test('split into budget, people and tools; nothing refused', () => {
    expect(splitResources('预算3.5万元/文案1人/秀米')).toEqual({
      budgetFen: 3_500_000,
      manpower: '文案1人',
      tools: '秀米',
    });
    expect(splitResources('2人/剪映')).toEqual({ budgetFen: null, manpower: '2人', tools: '剪映' });
    expect(splitResources('全组')).toEqual({ budgetFen: null, manpower: '全组', tools: '' });
    expect(splitResources('¥8,000')).toEqual({ budgetFen: 800_000, manpower: '', tools: '' });
    expect(splitResources('外包')).toEqual({ budgetFen: null, manpower: '外包', tools: '' });
    expect(splitResources('1万/设计2人/运营1人/稿定/剪映')).toEqual({
      budgetFen: 1_000_000,
      manpower: '设计2人 / 运营1人',
      tools: '稿定 / 剪映',
    });
  });
});

describe('an owner’s Table 2 imports (xlsx, UTF-8 CSV, GB18030 CSV)', () => {
  const files: [string, () => Promise<Buffer>][] = [
    ['计划.xlsx', () => ownerTasksXlsx()],
    ['计划.csv', async () => utf8Csv([[OWNER_TITLE], TEMPLATE_TASK_HEADERS, ...OWNER_TASK_ROWS])],
    ['计划-gbk.csv', async () => gbCsv([[OWNER_TITLE], TEMPLATE_TASK_HEADERS, ...OWNER_TASK_ROWS])],
  ];
  for (const [fileName, bytesOf] of files) {
    test(`${fileName}: the preview keeps three cells as text, the year is the title’s, all 10 rows import`, async () => {
      const app = openApp();
      const pid = ownerProject(app);
      const bytes = await bytesOf();
      if (fileName.includes('gbk')) expect(bytes.includes(Buffer.from('任务', 'utf8'))).toBe(false);
      const before = logicalHash(app.file);
      const preview = await ok(app, 'sheets.preview', payload(pid, bytes, fileName));
      expect(preview.total).toBe(10);
      expect(preview.blockingCount).toBe(0);
      expect(
        preview.problems.map((p) => [p.ref - preview.rows[0]!.ref + 1, p.column, p.reason, p.text, p.kept]),
      ).toEqual([
        [6, '负责人', 'several_owners', '张三、李四', true],
        [7, '当前进度', 'not_integer', '进行中', true],
        [8, '起止时间', 'invalid_period', '5月上旬', true],
      ]);
      expect(preview.year).toEqual({ value: 2023, source: 'sheet', text: OWNER_TITLE });
      expect(preview.newPeople).toEqual(['运营组*专员']);
      expect(logicalHash(app.file)).toBe(before);

      // Not told to keep them, the import refuses and changes nothing.
      const refused = await fail(app, 'sheets.import', payload(pid, bytes, fileName));
      expect(refused).toMatchObject({ reason: 'import_rejected', params: { count: 3 } });
      expect(logicalHash(app.file)).toBe(before);

      expect(await ok(app, 'sheets.import', payload(pid, bytes, fileName, { keepText: true }))).toEqual({
        created: 10,
        updated: 0,
        newPeople: ['运营组*专员'],
      });
      expect(readTasks(app, pid)).toEqual(expectedRows(2023));
    });
  }

  test('the year chosen in the preview replaces the assumed one', async () => {
    const app = openApp();
    const pid = ownerProject(app);
    const bytes = await ownerTasksXlsx();
    const preview = await ok(app, 'sheets.preview', payload(pid, bytes, 'plan.xlsx', { year: 2024 }));
    expect(preview.year).toEqual({ value: 2024, source: 'chosen', text: '' });
    await ok(app, 'sheets.import', payload(pid, bytes, 'plan.xlsx', { year: 2024, keepText: true }));
    expect(readTasks(app, pid).map((t) => [t.code, t.start, t.end])).toEqual(
      expectedRows(2024).map((t) => [t.code, t.start, t.end]),
    );
  });

  test('without a year in the sheet: the file’s name, then the project, then this year', async () => {
    const app = openApp();
    const pid = ownerProject(app);
    const rows = [TEMPLATE_TASK_HEADERS, ['', '预热', '', '', '5月1日-5月9日', '', '', '', '']];
    const fromName = await ok(app, 'sheets.preview', payload(pid, utf8Csv(rows), '2022年618计划.csv'));
    expect(fromName.year).toEqual({ value: 2022, source: 'fileName', text: '2022年618计划' });
    const thisYear = await ok(app, 'sheets.preview', payload(pid, utf8Csv(rows), 'plan.csv'));
    expect(thisYear.year).toEqual({ value: new Date().getFullYear(), source: 'today', text: '' });
    // A full date elsewhere in the sheet says the plan's year.
    const dated = [...rows, ['', '上线', '', '', '2021-06-01~2021-06-18', '', '', '', '']];
    const fromDates = await ok(app, 'sheets.preview', payload(pid, utf8Csv(dated), 'plan.csv'));
    expect(fromDates.year).toMatchObject({ value: 2021, source: 'dates' });
    // Every date with its year: nothing was assumed, the preview says nothing.
    const full = await ok(
      app,
      'sheets.preview',
      payload(pid, utf8Csv([TEMPLATE_TASK_HEADERS, dated[2]!]), 'plan.csv'),
    );
    expect(full.year).toBeNull();
  });

  test('a cell fixed in the preview is imported as fixed', async () => {
    const app = openApp();
    const pid = ownerProject(app);
    const bytes = await ownerTasksXlsx();
    const first = await ok(app, 'sheets.preview', payload(pid, bytes, 'plan.xlsx'));
    const period = first.problems.find((p) => p.reason === 'invalid_period')!;
    const owners = first.problems.find((p) => p.reason === 'several_owners')!;
    const edits = [
      { ref: period.ref, field: period.field!, text: '5月1日-5月10日' },
      { ref: owners.ref, field: owners.field!, text: '张三' },
    ];
    const second = await ok(app, 'sheets.preview', payload(pid, bytes, 'plan.xlsx', { edits }));
    expect(second.problems.map((p) => p.reason)).toEqual(['not_integer']);
    expect(second.newPeople).toEqual(['张三', '运营组*专员']);
    await ok(app, 'sheets.import', payload(pid, bytes, 'plan.xlsx', { edits, keepText: true }));
    const stored = readTasks(app, pid);
    expect(stored[5]).toMatchObject({ code: 'M006', owner: '张三', notes: '' });
    expect(stored[7]).toMatchObject({ code: 'M008', start: '2023-05-01', end: '2023-05-10', notes: '' });
    // An edit of a cell the file does not have is refused.
    expect(
      await fail(
        app,
        'sheets.preview',
        payload(pid, bytes, 'plan.xlsx', { edits: [{ ref: 999, field: 'name', text: 'x' }] }),
      ),
    ).toMatchObject({ reason: 'no_such_cell' });
  });
});

describe('rows that would break the plan block the whole file, named', () => {
  test('an end before its start, a loop and an unknown predecessor: nothing imported, even when keeping text', async () => {
    const app = openApp();
    const pid = ownerProject(app);
    const header = [
      '任务ID',
      '任务名称',
      '负责人',
      '起止时间',
      '所需资源（预算/人力/工具）',
      '当前进度',
      '前置任务',
    ];
    const rows = [
      ['M001', '预热', '内容组*主管', '5月10日-5月1日', '外包', '', ''],
      ['M002', '上线', '', '5月11日-5月20日', '', '进行中', 'M003'],
      ['M003', '复盘', '', '5月21日-5月30日', '', '', 'M002'],
      ['M004', '收尾', '', '6月1日', '', '', 'M404'],
      ['M005', '正常', '', '6月2日', '2人', '', ''],
    ];
    const bytes = gbCsv([['2024双11计划'], header, ...rows]);
    const before = logicalHash(app.file);
    const preview = await ok(app, 'sheets.preview', payload(pid, bytes, 'plan.csv'));
    expect(preview.problems.map((p) => [p.ref, p.column, p.reason, p.kept])).toEqual([
      [3, '起止时间', 'end_before_start', false],
      [4, '当前进度', 'not_integer', true],
      [5, '前置任务', 'dependency_cycle', false],
      [6, '前置任务', 'unknown_task_code', false],
    ]);
    expect(preview.blockingCount).toBe(3);
    const refused = await fail(app, 'sheets.import', payload(pid, bytes, 'plan.csv', { keepText: true }));
    expect(refused).toMatchObject({ reason: 'import_rejected', params: { count: 3 } });
    expect(refused.problems?.map((p) => p.ref)).toEqual([3, 5, 6]);
    expect(logicalHash(app.file)).toBe(before);
  });
});

describe('an owner’s Table 1', () => {
  test('two owners and 120% are kept in 执行情况简述; the year of 5月1日-7月31日 is the strategy’s', async () => {
    const app = openApp();
    const project = createProject(app.db, { name: '夏季新品推广' });
    const rows = [
      ['表1：营销策略执行跟踪总表'],
      [
        '策略名称',
        '目标描述（SMART）',
        '总负责人',
        '时间周期',
        '核心模块',
        '责任人',
        '当前进度（完成%/关键节点）',
        '执行情况简述',
      ],
      [
        '2023夏季新品推广',
        '3个月内销量10万台',
        '市场部*经理',
        '5月1日-7月31日',
        '社交媒体推广',
        '内容组*主管、渠道组*专员',
        '60%（预热完成）',
        '曝光200万+',
      ],
      ['', '', '', '', '线下地推活动', '销售组*主管', '120%（超额）', ''],
    ];
    const payload = {
      projectId: project.id,
      table: 'modules' as const,
      fileName: 'table1.csv',
      base64: gbCsv(rows).toString('base64'),
    };
    const preview = await ok(app, 'sheets.preview', payload);
    expect(preview.year).toEqual({ value: 2023, source: 'sheet', text: '2023夏季新品推广' });
    expect(preview.problems.map((p) => [p.ref, p.column, p.reason, p.kept])).toEqual([
      [3, '责任人', 'several_owners', true],
      [4, '当前进度（完成%/关键节点）', 'too_big', true],
    ]);
    await ok(app, 'sheets.import', { ...payload, keepText: true });
    expect(
      withRaw(app.file, (raw) =>
        raw
          .prepare(
            `SELECT m.name, p.name AS owner, m.progress_override AS progress, m.milestone, m.summary
               FROM modules m LEFT JOIN people p ON p.id = m.owner_id WHERE m.project_id = ? ORDER BY m.position`,
          )
          .all(project.id),
      ),
    ).toEqual([
      {
        name: '社交媒体推广',
        owner: null,
        progress: 60,
        milestone: '预热完成',
        summary: '曝光200万+\n责任人：内容组*主管、渠道组*专员',
      },
      {
        name: '线下地推活动',
        owner: '销售组*主管',
        progress: null,
        milestone: '超额',
        summary: '当前进度（完成%/关键节点）：120%（超额）',
      },
    ]);
    expect(
      withRaw(app.file, (raw) =>
        raw.prepare('SELECT start_date, end_date FROM projects WHERE id = ?').get(project.id),
      ),
    ).toEqual({ start_date: '2023-05-01', end_date: '2023-07-31' });
  });
});

test('the GB18030 helper writes real GB18030', () => {
  expect(gb18030('任务').toString('hex')).toBe('c8cecef1');
  expect(new TextDecoder('gb18030').decode(gb18030('¥8,000（万元）'))).toBe('¥8,000（万元）');
});
