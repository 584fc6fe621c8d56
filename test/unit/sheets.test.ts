/**
 * Export and import of Table 1 and Table 2 as .xlsx/.csv, through the router as the app calls
 * them, with every result read back from the SQLite file through a second connection.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database as Db } from 'better-sqlite3';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, onTestFinished, test } from 'vitest';
import { createRouter, type Router } from '../../src-main/router';
import { seedDemo } from '../../src-main/services/demo';
import { createModule } from '../../src-main/services/modules';
import { createPerson } from '../../src-main/services/people';
import { createProject, updateProject } from '../../src-main/services/projects';
import { createTask, updateTask } from '../../src-main/services/tasks';
import {
  columnFor,
  exportColumns,
  isWanHeader,
  normalizeHeader,
} from '../../src-main/services/sheets/columns';
import { parseCsv } from '../../src-main/services/sheets/read-file';
import { splitModuleProgress } from '../../src-main/services/sheets/import-modules';
import type { Input, Output } from '../../src-main/shared/contract';
import type { AppErrorData } from '../../src-main/shared/errors';
import { MAX_FEN } from '../../src-main/shared/values';
import { ROOT } from '../helpers/bridge';
import { logicalHash, tempDatabase, withRaw } from '../helpers/db';

const FIXTURES = join(ROOT, 'test/fixtures');

interface App {
  file: string;
  db: Db;
  router: Router;
  errors: unknown[];
}

function openApp(): App {
  const { file, db } = tempDatabase();
  onTestFinished(() => {
    if (db.open) db.close();
  });
  const errors: unknown[] = [];
  return {
    file,
    db,
    errors,
    router: createRouter(db, { version: '0.0.0-test', logError: (m, e) => errors.push([m, e]) }),
  };
}

type SheetChannel = 'sheets.export' | 'sheets.preview' | 'sheets.import';

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

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

/** A CSV as Excel/WPS save "CSV UTF-8": BOM, CRLF, fields quoted only where needed. */
function csv(rows: string[][]): string {
  const field = (f: string) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f);
  const text = rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
  return b64(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
}

const file = (projectId: string, table: 'tasks' | 'modules', base64: string, fileName = 'plan.csv') => ({
  projectId,
  table,
  fileName,
  base64,
});

interface TaskRow {
  code: string;
  name: string;
  deliverable: string;
  owner: string | null;
  start: string | null;
  end: string | null;
  budget: number | null;
  manpower: string;
  tools: string;
  criteria: string;
  progress: number;
  notes: string;
  module: string | null;
  milestone: number;
  blocked: number;
  parent: string | null;
  /** Codes, space-separated and sorted. */
  predecessors: string;
}

interface ModuleRow {
  name: string;
  owner: string | null;
  progress: number | null;
  milestone: string;
  summary: string;
  issues: string;
  suggestions: string;
  result: string;
}

/** Tasks of a project as a user sees them: by code, with names instead of ids. */
function readTasks(app: App, projectId: string): TaskRow[] {
  return withRaw(app.file, (raw) => {
    const rows = raw
      .prepare(
        `SELECT t.code, t.name, t.deliverable, p.name AS owner, t.start_date AS start, t.end_date AS end,
                t.budget_fen AS budget, t.manpower, t.tools, t.criteria, t.progress, t.notes,
                m.name AS module, t.milestone, t.blocked, parent.code AS parent,
                (SELECT group_concat(code, ' ') FROM (SELECT pt.code FROM task_links l JOIN tasks pt ON pt.id = l.predecessor_id
                  WHERE l.successor_id = t.id ORDER BY pt.code)) AS predecessors
           FROM tasks t
           LEFT JOIN people p ON p.id = t.owner_id
           LEFT JOIN modules m ON m.id = t.module_id
           LEFT JOIN tasks parent ON parent.id = t.parent_id
          WHERE t.project_id = ? ORDER BY t.position`,
      )
      .all(projectId) as (TaskRow & { predecessors: string | null })[];
    return rows.map((r) => ({ ...r, predecessors: r.predecessors ?? '' }));
  });
}

function readModules(app: App, projectId: string): ModuleRow[] {
  return withRaw(
    app.file,
    (raw) =>
      raw
        .prepare(
          `SELECT m.name, p.name AS owner, m.progress_override AS progress, m.milestone, m.summary, m.issues,
                m.suggestions, m.result
           FROM modules m LEFT JOIN people p ON p.id = m.owner_id
          WHERE m.project_id = ? ORDER BY m.position`,
        )
        .all(projectId) as ModuleRow[],
  );
}

function readPeople(app: App, projectId: string) {
  return withRaw(app.file, (raw) =>
    raw.prepare('SELECT name, role FROM people WHERE project_id = ? ORDER BY position').all(projectId),
  ) as { name: string; role: string }[];
}

function nextSeq(app: App, projectId: string): number {
  return withRaw(app.file, (raw) =>
    raw.prepare('SELECT next_task_seq FROM projects WHERE id = ?').pluck().get(projectId),
  ) as number;
}

/** A project with a team, one module and one task M001, as the problems below run against. */
function smallProject(app: App) {
  const project = createProject(app.db, { name: '双11大促' });
  updateProject(app.db, { id: project.id, patch: { start: '2024-10-01', end: '2024-11-30' } });
  const zhang = createPerson(app.db, { projectId: project.id, name: '张三' });
  const module = createModule(app.db, { projectId: project.id, values: { name: '社交媒体推广' } });
  createTask(app.db, {
    projectId: project.id,
    values: { name: '预热海报', ownerId: zhang.id, moduleId: module.id },
  });
  return project.id;
}

// ---------------------------------------------------------------------------------------------

describe('headers', () => {
  test('are matched in Chinese and English, whatever the spacing, case or width of brackets', () => {
    const tasks: [string, string | null][] = [
      ['任务ID', 'code'],
      ['任务id', 'code'],
      ['Task ID', 'code'],
      ['  task   id ', 'code'],
      [' 任务 名称 ', 'name'],
      ['任务名称*', 'name'],
      ['任务描述（交付物）', 'deliverable'],
      ['任务描述 ( 交付物 )', 'deliverable'],
      ['Description (deliverable)', 'deliverable'],
      ['负责人', 'ownerId'],
      ['OWNER', 'ownerId'],
      ['起止时间', 'period'],
      ['Start – end', 'period'],
      ['start-end', 'period'],
      ['开始', 'start'],
      ['开始日期', 'start'],
      ['Start date', 'start'],
      ['结束', 'end'],
      ['截止日期', 'end'],
      ['所需资源（预算/人力/工具）', 'resources'],
      ['所需资源（预算）', 'budgetFen'],
      ['预算(元)', 'budgetFen'],
      ['预算（万元）', 'budgetFen'],
      ['预算(美元)', 'budgetFen'],
      ['Budget (¥)', 'budgetFen'],
      ['当前进度', 'progress'],
      ['当前进度（%）', 'progress'],
      ['Progress', 'progress'],
      ['备注（风险／依赖）', 'notes'],
      ['Notes (risks / dependencies)', 'notes'],
      ['NOTES(RISKS/DEPENDENCIES)', 'notes'],
      ['所属模块', 'moduleId'],
      ['里程碑', 'milestone'],
      ['受阻', 'blocked'],
      ['前置任务', 'predecessorIds'],
      ['Predecessors', 'predecessorIds'],
      ['上级任务', 'parentId'],
      ['Parent task', 'parentId'],
      ['状态', null],
      ['随便一列', null],
      ['', null],
    ];
    for (const [header, field] of tasks)
      expect(columnFor('tasks', header)?.field ?? null, header).toBe(field);
    const modules: [string, string | null][] = [
      ['策略名称', 'strategy'],
      ['目标描述（SMART）', 'goal'],
      ['Goal (SMART)', 'goal'],
      ['总负责人', 'owner'],
      ['时间周期', 'period'],
      ['核心模块', 'name'],
      ['Core module', 'name'],
      ['责任人', 'ownerId'],
      ['当前进度(完成%/关键节点)', 'progress'],
      ['当前进度（完成％／关键节点）', 'progress'],
      ['Progress (% / milestone)', 'progress'],
      ['完成%', 'progressPercent'],
      ['关键节点', 'milestone'],
      ['执行情况简述', 'summary'],
      ['问题反馈', 'issues'],
      ['调整建议', 'suggestions'],
      ['结果达成情况（当前）', 'result'],
      ['Results so far', 'result'],
    ];
    for (const [header, field] of modules)
      expect(columnFor('modules', header)?.field ?? null, header).toBe(field);
    expect(isWanHeader('预算（万元）')).toBe(true);
    expect(isWanHeader('预算(元)')).toBe(false);
    expect(normalizeHeader('任务描述（交付物）')).toBe(normalizeHeader('任务描述(交付物)'));
  });

  test('exported headers are the interface labels of the locale files', () => {
    const locale = (language: string) =>
      JSON.parse(readFileSync(join(ROOT, 'src-renderer/i18n/locales', language, 'common.json'), 'utf8')) as {
        fields: { task: Record<string, string>; module: Record<string, string> };
      };
    for (const language of ['zh-CN', 'en'] as const) {
      const { fields } = locale(language);
      for (const c of exportColumns('tasks')) expect(c.header[language], c.field).toBe(fields.task[c.field]);
      for (const c of exportColumns('modules'))
        expect(c.header[language], c.field).toBe(fields.module[c.field]);
    }
    // The template's own words, in its order.
    expect(exportColumns('modules').map((c) => c.header['zh-CN'])).toEqual([
      '策略名称',
      '目标描述(SMART)',
      '总负责人',
      '时间周期',
      '核心模块',
      '责任人',
      '当前进度(完成%/关键节点)',
      '执行情况简述',
      '问题反馈',
      '调整建议',
      '结果达成情况(当前)',
    ]);
    expect(
      exportColumns('tasks')
        .map((c) => c.header['zh-CN'])
        .slice(0, 4),
    ).toEqual(['任务ID', '任务名称', '任务描述(交付物)', '负责人']);
  });

  test('a title and a note above the header are skipped, and row numbers stay the file’s', async () => {
    const app = openApp();
    const pid = smallProject(app);
    const preview = await ok(
      app,
      'sheets.preview',
      file(
        pid,
        'tasks',
        csv([
          ['表2:执行任务拆解表'],
          ['(说明:用于策略落地前的任务分解和责任分配)'],
          ['任务ID', ' 任务名称 ', '开始', '无关列'],
          ['', '直播彩排', '2024-13-01', 'x'],
          ['M003', '', '', ''],
          ['M004', ' ', '', ''],
          [],
        ]),
      ),
    );
    expect(preview.columns).toEqual([
      { header: '任务ID', field: 'code' },
      { header: '任务名称', field: 'name' },
      { header: '开始', field: 'start' },
      { header: '无关列', field: null },
    ]);
    expect(preview.problems).toEqual([
      {
        ref: 4,
        column: '开始',
        reason: 'invalid_date',
        params: { text: '2024-13-01' },
        field: 'start',
        text: '2024-13-01',
        kept: true,
      },
    ]);
  });
});

describe('csv reading', () => {
  test('follows RFC 4180: quotes, doubled quotes, line breaks in fields, CRLF, LF and CR', () => {
    expect(parseCsv('a,"b,c","say ""hi""","two\r\nlines"\r\n1,2,3,4\n5,6\r7')).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\nlines'], // a line break in a cell is read as LF
      ['1', '2', '3', '4'],
      ['5', '6'],
      ['7'],
    ]);
    expect(parseCsv('a\tb\tc\r\n1\t2\t3')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(parseCsv("'=SUM(A1),'-x,-,'plain")).toEqual([['=SUM(A1)', '-x', '-', "'plain"]]);
  });

  test('a WPS "CSV UTF-8" file: BOM, CRLF, a quoted cell over two lines, a quoted quote', async () => {
    const app = openApp();
    const pid = smallProject(app);
    const text =
      '任务名称,负责人,完成标准,当前进度\r\n' +
      '直播彩排,张三,"彩排两次\r\n主播确认话术",60%\r\n' +
      '"带""引号""的任务, 含逗号",,,\r\n';
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    expect(parseCsv('\ufeff' + text)).toEqual([
      ['任务名称', '负责人', '完成标准', '当前进度'],
      ['直播彩排', '张三', '彩排两次\n主播确认话术', '60%'],
      ['带"引号"的任务, 含逗号', '', '', ''],
    ]);
    const preview = await ok(app, 'sheets.preview', file(pid, 'tasks', b64(bytes)));
    expect(preview.problems).toEqual([]);
    expect(preview.rows.map((r) => r.ref)).toEqual([2, 3]); // the file's own row numbers
    await ok(app, 'sheets.import', file(pid, 'tasks', b64(bytes)));
    const imported = readTasks(app, pid).filter((t) => t.code !== 'M001');
    expect(imported.map((t) => [t.name, t.owner, t.criteria, t.progress])).toEqual([
      ['直播彩排', '张三', '彩排两次\n主播确认话术', 60],
      ['带"引号"的任务, 含逗号', null, '', 0],
    ]);
  });

  test('reads GB18030 (Excel/WPS "CSV (逗号分隔)" on Chinese Windows) and UTF-16 with BOM', async () => {
    const app = openApp();
    const pid = smallProject(app);
    const text = '任务名称,负责人\r\n直播彩排,张三\r\n';
    // Node has no GB18030 encoder; these are the bytes of the text above in GB18030.
    const gbBytes = Buffer.from('c8cecef1c3fbb3c62cb8bad4f0c8cb0d0ad6b1b2a5b2cac5c52cd5c5c8fd0d0a', 'hex');
    expect(new TextDecoder('gb18030').decode(gbBytes)).toBe(text);
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(text.replaceAll(',', '\t'), 'utf16le'),
    ]);
    for (const bytes of [gbBytes, utf16]) {
      const preview = await ok(app, 'sheets.preview', file(pid, 'tasks', b64(bytes)));
      expect(preview.problems).toEqual([]);
      expect(preview.rows).toEqual([{ ref: 2, cells: { name: '直播彩排', ownerId: '张三' }, code: 'M002' }]);
    }
  });
});

describe('problems: listed by the preview, the import refused, the database unchanged', () => {
  const header = ['任务ID', '任务名称', '负责人', '开始', '结束', '当前进度', '所属模块', '前置任务'];
  const cases: {
    name: string;
    rows: string[][];
    expected: { ref: number; column: string | null; reason: string }[];
  }[] = [
    {
      name: 'a date that does not exist',
      rows: [['M010', '预热', '张三', '2024-02-30', '', '', '', '']],
      expected: [{ ref: 2, column: '开始', reason: 'invalid_date' }],
    },
    {
      name: 'an end before the start',
      rows: [['', '预热', '', '2024-05-10', '2024-05-01', '', '', '']],
      expected: [{ ref: 2, column: '结束', reason: 'end_before_start' }],
    },
    {
      name: 'progress 120',
      rows: [['', '预热', '', '', '', '120', '', '']],
      expected: [{ ref: 2, column: '当前进度', reason: 'too_big' }],
    },
    {
      name: 'progress that is not a whole number',
      rows: [['', '预热', '', '', '', '33.3%', '', '']],
      expected: [{ ref: 2, column: '当前进度', reason: 'not_integer' }],
    },
    {
      name: 'an unknown module',
      rows: [['', '预热', '', '', '', '', '线上直播', '']],
      expected: [{ ref: 2, column: '所属模块', reason: 'unknown_module' }],
    },
    {
      name: 'an unknown predecessor code',
      rows: [['', '预热', '', '', '', '', '', 'M404']],
      expected: [{ ref: 2, column: '前置任务', reason: 'unknown_task_code' }],
    },
    {
      name: 'a duplicate code',
      rows: [
        ['M010', '预热', '', '', '', '', '', ''],
        ['M010', '上线', '', '', '', '', '', ''],
      ],
      expected: [{ ref: 3, column: '任务ID', reason: 'duplicate_code' }],
    },
    {
      name: 'a missing name',
      rows: [['M010', '', '张三', '', '', '', '', '']],
      expected: [{ ref: 2, column: '任务名称', reason: 'required' }],
    },
    {
      name: 'two owners in one cell',
      rows: [['', '预热', '张三、李四', '', '', '', '', '']],
      expected: [{ ref: 2, column: '负责人', reason: 'several_owners' }],
    },
    {
      name: 'a dependency loop',
      rows: [
        ['M010', '预热', '', '', '', '', '', 'M011'],
        ['M011', '上线', '', '', '', '', '', 'M010'],
      ],
      expected: [{ ref: 3, column: '前置任务', reason: 'dependency_cycle' }],
    },
    {
      // The grid refuses it; so does the import (issue 14, item 8).
      name: 'an end before the start',
      rows: [['', '预热', '', '2024-05-10', '2024-05-01', '', '', '']],
      expected: [{ ref: 2, column: '结束', reason: 'end_before_start' }],
    },
    {
      name: 'a task that is its own predecessor',
      rows: [['M010', '预热', '', '', '', '', '', 'M010']],
      expected: [{ ref: 2, column: '前置任务', reason: 'depends_on_itself' }],
    },
    {
      name: 'problems in several rows at once',
      rows: [
        ['M010', '预热', '', '2024-05-32', '', '', '', ''],
        ['M011', '上线', '', '', '', '101', '', ''],
        ['M012', '复盘', '', '', '', '', '不存在', 'M999'],
      ],
      expected: [
        { ref: 2, column: '开始', reason: 'invalid_date' },
        { ref: 3, column: '当前进度', reason: 'too_big' },
        { ref: 4, column: '所属模块', reason: 'unknown_module' },
        { ref: 4, column: '前置任务', reason: 'unknown_task_code' },
      ],
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const app = openApp();
      const pid = smallProject(app);
      const before = logicalHash(app.file);
      const payload = file(pid, 'tasks', csv([header, ...c.rows]));
      const preview = await ok(app, 'sheets.preview', payload);
      expect(preview.problems.map(({ ref, column, reason }) => ({ ref, column, reason }))).toEqual(
        c.expected,
      );
      expect(preview.problemCount).toBe(c.expected.length);
      expect(logicalHash(app.file)).toBe(before);
      const refused = await fail(app, 'sheets.import', payload);
      expect(refused).toMatchObject({ code: 'invalid_input', reason: 'import_rejected' });
      expect(refused.problems?.map((p) => p.ref)).toEqual(c.expected.map((e) => e.ref));
      expect(logicalHash(app.file)).toBe(before);
      expect(app.errors).toEqual([]);
    });
  }

  test('the problems carry their params for the wording', async () => {
    const app = openApp();
    const pid = smallProject(app);
    const preview = await ok(
      app,
      'sheets.preview',
      file(
        pid,
        'tasks',
        csv([
          header,
          ['', '预热', '', '2024-05-10', '2024-05-01', '', '线上直播', 'M404'],
          ['', '上线', '', '', '', '120', '', ''],
        ]),
      ),
    );
    // The unknown module is kept as text, so the row is checked further: its end is before its start.
    expect(preview.problems).toEqual([
      {
        ref: 2,
        column: '结束',
        reason: 'end_before_start',
        params: { start: '2024-05-10', end: '2024-05-01' },
        field: 'end',
        text: '2024-05-01',
        kept: false,
      },
      {
        ref: 2,
        column: '所属模块',
        reason: 'unknown_module',
        params: { name: '线上直播' },
        field: 'moduleId',
        text: '线上直播',
        kept: true,
      },
      {
        ref: 2,
        column: '前置任务',
        reason: 'unknown_task_code',
        params: { code: 'M404' },
        field: 'predecessorIds',
        text: 'M404',
        kept: false,
      },
      {
        ref: 3,
        column: '当前进度',
        reason: 'too_big',
        params: { limit: 100, origin: 'number' },
        field: 'progress',
        text: '120',
        kept: true,
      },
    ]);
    expect(preview.blockingCount).toBe(2);
  });

  test('the first 500 problems are listed, in the file’s order, and all are counted', async () => {
    const app = openApp();
    const pid = smallProject(app);
    const rows = Array.from({ length: 600 }, (_, i) => [
      '',
      `任务${600 - i}`,
      '',
      '2024-02-30',
      '',
      '',
      '',
      '',
    ]);
    const preview = await ok(app, 'sheets.preview', file(pid, 'tasks', csv([header, ...rows])));
    expect(preview.problemCount).toBe(600);
    expect(preview.problems).toHaveLength(500);
    expect(preview.problems.map((p) => p.ref)).toEqual(Array.from({ length: 500 }, (_, i) => i + 2));
    expect(preview.total).toBe(600);
    expect(preview.rows).toHaveLength(50);
  });

  const unreadable: { name: string; bytes: Buffer; reason: string; table?: 'tasks' | 'modules' }[] = [
    { name: 'an empty file', bytes: Buffer.alloc(0), reason: 'empty_file' },
    { name: 'a file of blank lines', bytes: Buffer.from('\r\n\r\n  \r\n'), reason: 'empty_file' },
    { name: 'a header without rows', bytes: Buffer.from('任务ID,任务名称\r\n,\r\n'), reason: 'no_rows' },
    { name: 'no header we know', bytes: Buffer.from('日期,销量\r\n2024-05-01,300\r\n'), reason: 'no_header' },
    {
      name: 'a PNG image',
      bytes: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
      reason: 'unreadable_file',
    },
    {
      name: 'a PDF',
      bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0])]),
      reason: 'unreadable_file',
    },
    {
      name: 'a damaged xlsx (zip cut short)',
      bytes: Buffer.from('504b0304140000000800', 'hex'),
      reason: 'unreadable_file',
    },
    {
      name: 'an old .xls',
      bytes: Buffer.from('d0cf11e0a1b11ae10000000000000000', 'hex'),
      reason: 'old_excel_format',
    },
    {
      name: 'Table 1 given to Table 2',
      bytes: Buffer.from('核心模块,责任人,当前进度(完成%/关键节点)\r\n社交媒体推广,张三,60%\r\n'),
      reason: 'wrong_table',
    },
    {
      name: 'Table 2 given to Table 1',
      bytes: Buffer.from('任务ID,任务名称,所属模块\r\nM001,预热,社交媒体推广\r\n'),
      reason: 'wrong_table',
      table: 'modules',
    },
  ];
  for (const u of unreadable) {
    test(`${u.name} is refused as ${u.reason} and changes nothing`, async () => {
      const app = openApp();
      const pid = smallProject(app);
      const before = logicalHash(app.file);
      const payload = file(pid, u.table ?? 'tasks', b64(u.bytes), 'plan.xlsx');
      for (const channel of ['sheets.preview', 'sheets.import'] as const) {
        expect(await fail(app, channel, payload), channel).toMatchObject({
          code: 'invalid_input',
          reason: u.reason,
        });
      }
      expect(logicalHash(app.file)).toBe(before);
      expect(app.errors).toEqual([]);
    });
  }

  test('a zip that is a valid archive but not a workbook is unreadable', async () => {
    const app = openApp();
    const pid = smallProject(app);
    // An xlsx from exceljs with its workbook part renamed is still a zip, but no workbook.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRow(['任务名称']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const broken = Buffer.from(
      bytes.toString('latin1').replaceAll('xl/workbook.xml', 'xl/notebook.xml'),
      'latin1',
    );
    expect(await fail(app, 'sheets.preview', file(pid, 'tasks', b64(broken)))).toMatchObject({
      reason: 'unreadable_file',
    });
  });

  test('more than 100,000 rows and more than 20 MB are refused', async () => {
    const app = openApp();
    const pid = smallProject(app);
    const lines = ['任务名称', ...Array.from({ length: 100_001 }, (_, i) => `任务${i}`)].join('\n');
    expect(await fail(app, 'sheets.preview', file(pid, 'tasks', b64(lines)))).toMatchObject({
      reason: 'too_many_rows',
      params: { limit: 100_000 },
    });
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x41);
    expect(await fail(app, 'sheets.preview', file(pid, 'tasks', b64(big)))).toMatchObject({
      reason: 'file_too_large',
      params: { limit: 20 },
    });
  });

  test('a project that does not exist is not_found, and the sync entry point refuses these channels', async () => {
    const app = openApp();
    const pid = smallProject(app);
    const none = '0190f0c8-7d2a-7abc-8def-0123456789ab';
    expect(
      await fail(app, 'sheets.export', { projectId: none, table: 'tasks', format: 'csv', language: 'en' }),
    ).toMatchObject({
      code: 'not_found',
      path: ['projectId'],
    });
    expect(await fail(app, 'sheets.preview', file(none, 'tasks', csv([['任务名称'], ['a']])))).toMatchObject({
      code: 'not_found',
    });
    expect(
      app.router.invoke('sheets.export', { projectId: pid, table: 'tasks', format: 'csv', language: 'en' }),
    ).toEqual({
      ok: false,
      error: { code: 'internal', reason: 'async_channel' },
    });
    expect(app.router.invoke('sheets.import', { projectId: pid })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});

describe('import of tasks', () => {
  test('keeps valid unused codes, renumbers the rest, and moves the code counter past them', async () => {
    const app = openApp();
    const pid = smallProject(app); // M001 exists; the next code is M002
    const preview = await ok(
      app,
      'sheets.preview',
      file(
        pid,
        'tasks',
        csv([
          ['任务ID', '任务名称', '前置任务', '上级任务'],
          ['M001', '与已有任务同号', '', ''],
          ['M20', '保留编号', 'M001', ''],
          ['m021', '小写也保留', 'M20、M001', 'M020'],
          ['T-1', '非M编号', '', ''],
          ['', '无编号', 'T-1', ''],
        ]),
      ),
    );
    expect(preview.problems).toEqual([]);
    expect(preview.rows.map((r) => r.code)).toEqual(['M022', 'M020', 'M021', 'M023', 'M024']);
    const done = await ok(
      app,
      'sheets.import',
      file(
        pid,
        'tasks',
        csv([
          ['任务ID', '任务名称', '前置任务', '上级任务'],
          ['M001', '与已有任务同号', '', ''],
          ['M20', '保留编号', 'M001', ''],
          ['m021', '小写也保留', 'M20、M001', 'M020'],
          ['T-1', '非M编号', '', ''],
          ['', '无编号', 'T-1', ''],
        ]),
      ),
    );
    expect(done).toEqual({ created: 5, updated: 0, newPeople: [] });
    // Codes in the file name the file's rows: "M001" is the imported row (now M022), not the old M001.
    expect(readTasks(app, pid).map((t) => [t.code, t.name, t.predecessors, t.parent])).toEqual([
      ['M001', '预热海报', '', null],
      ['M022', '与已有任务同号', '', null],
      ['M020', '保留编号', 'M022', null],
      ['M021', '小写也保留', 'M020 M022', 'M020'],
      ['M023', '非M编号', '', null],
      ['M024', '无编号', 'M023', null],
    ]);
    expect(nextSeq(app, pid)).toBe(25);
    // A code once given out is never given again, even after its task is deleted.
    await ok(
      app,
      'sheets.import',
      file(
        pid,
        'tasks',
        csv([
          ['任务ID', '任务名称'],
          ['M025', '下一个'],
        ]),
      ),
    );
    expect(readTasks(app, pid).at(-1)).toMatchObject({ code: 'M025' });
  });

  test('a sub-task of an existing task goes into that task’s block', async () => {
    const app = openApp();
    const pid = smallProject(app);
    createTask(app.db, { projectId: pid, values: { name: '后一个' } }); // M002
    await ok(
      app,
      'sheets.import',
      file(
        pid,
        'tasks',
        csv([
          ['任务名称', '上级任务'],
          ['海报定稿', 'M001'],
          ['海报投放', 'm1'],
        ]),
      ),
    );
    expect(readTasks(app, pid).map((t) => [t.code, t.parent])).toEqual([
      ['M001', null],
      ['M003', 'M001'],
      ['M004', 'M001'],
      ['M002', null],
    ]);
  });

  test('上级任务 that loop through the file are refused at the row where the loop closes; nothing is written', async () => {
    const app = openApp();
    const pid = smallProject(app);
    const before = logicalHash(app.file);
    const payload = file(
      pid,
      'tasks',
      csv([
        ['任务ID', '任务名称', '上级任务'],
        ['M010', '甲', 'M012'],
        ['M011', '乙', 'M010'],
        ['M012', '丙', 'M011'],
        ['M013', '丁', 'M011'], // under the loop, not in it
        ['M014', '戊', ''],
      ]),
    );
    const preview = await ok(app, 'sheets.preview', payload);
    expect(preview.problems.map(({ ref, column, reason }) => ({ ref, column, reason }))).toEqual([
      { ref: 2, column: '上级任务', reason: 'parent_cycle' },
    ]);
    const refused = await fail(app, 'sheets.import', payload);
    expect(refused).toMatchObject({ code: 'invalid_input', reason: 'import_rejected' });
    expect(logicalHash(app.file)).toBe(before);
  });

  test('reads the template’s combined columns, 万元 budgets, and yes/no words', async () => {
    const app = openApp();
    const pid = smallProject(app);
    await ok(
      app,
      'sheets.import',
      file(
        pid,
        'tasks',
        csv([
          ['任务名称', '起止时间', '所需资源(预算/人力/工具)', '预算（万元）', '里程碑', '受阻'],
          ['预热', '10月1日-10月15日', '8000/内容组 2 人/剪映', '', '是', '否'],
          ['上线', '2024-11-01~2024-11-11', '/运营 1 人', '1.5', '√', 'yes'],
          ['复盘', '2024/11/20', '', '', '', ''],
          ['收尾', '2024-11-25~', '', '', 'N', 'false'],
        ]),
      ),
    );
    expect(
      readTasks(app, pid)
        .slice(1)
        .map((t) => [t.name, t.start, t.end, t.budget, t.manpower, t.tools, t.milestone, t.blocked]),
    ).toEqual([
      ['预热', '2024-10-01', '2024-10-15', 800_000, '内容组 2 人', '剪映', 1, 0],
      ['上线', '2024-11-01', '2024-11-11', 1_500_000, '运营 1 人', '', 1, 1],
      ['复盘', '2024-11-20', '2024-11-20', null, '', '', 0, 0],
      ['收尾', '2024-11-25', null, null, '', '', 0, 0],
    ]);
  });

  test('owners not in the team are listed by the preview and join the team as executors', async () => {
    const app = openApp();
    const pid = smallProject(app);
    const payload = file(
      pid,
      'tasks',
      csv([
        ['任务名称', '负责人'],
        ['预热', '张三'],
        ['上线', ' 王五 '],
        ['复盘', '王五'],
        ['收尾', '赵六'],
      ]),
    );
    const before = logicalHash(app.file);
    expect((await ok(app, 'sheets.preview', payload)).newPeople).toEqual(['王五', '赵六']);
    expect(logicalHash(app.file)).toBe(before);
    expect((await ok(app, 'sheets.import', payload)).newPeople).toEqual(['王五', '赵六']);
    expect(readPeople(app, pid)).toEqual([
      { name: '张三', role: 'executor' },
      { name: '王五', role: 'executor' },
      { name: '赵六', role: 'executor' },
    ]);
    expect(readTasks(app, pid).map((t) => t.owner)).toEqual(['张三', '张三', '王五', '王五', '赵六']);
  });

  test('an import is one undo step, and redo puts it back', async () => {
    const app = openApp();
    const pid = smallProject(app);
    const snapshot = () =>
      withRaw(app.file, (raw) =>
        JSON.stringify(
          ['projects', 'people', 'modules', 'tasks', 'task_links'].map((t) =>
            raw.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all(),
          ),
        ),
      );
    const before = snapshot();
    await ok(
      app,
      'sheets.import',
      file(
        pid,
        'tasks',
        csv([
          ['任务ID', '任务名称', '负责人', '前置任务'],
          ['M010', '预热', '新人', ''],
          ['M011', '上线', '', 'M010'],
        ]),
      ),
    );
    const after = snapshot();
    expect(app.router.invoke('history.state', { projectId: pid })).toMatchObject({
      value: { undo: 'sheets.import' },
    });
    expect(app.router.invoke('history.undo', { projectId: pid })).toMatchObject({ ok: true });
    expect(snapshot()).toBe(before);
    expect(app.router.invoke('history.redo', { projectId: pid })).toMatchObject({ ok: true });
    expect(snapshot()).toBe(after);
  });
});

describe('fixtures written by other programs', () => {
  test('an xlsx written by LibreOffice Calc (rich text, date cells, percent cells) imports', async () => {
    // test/fixtures/tasks-libreoffice.xlsx: a UTF-8 CSV converted with
    // soffice --headless --infilter="CSV:44,34,76,1" --convert-to xlsx
    const app = openApp();
    const project = createProject(app.db, { name: '新品发布会' });
    for (const name of ['市场部*经理', '渠道组*专员', '内容组*主管'])
      createPerson(app.db, { projectId: project.id, name });
    const payload = file(
      project.id,
      'tasks',
      b64(readFileSync(join(FIXTURES, 'tasks-libreoffice.xlsx'))),
      'tasks-libreoffice.xlsx',
    );
    const preview = await ok(app, 'sheets.preview', payload);
    expect(preview.format).toBe('xlsx');
    expect(preview.problems).toEqual([]);
    expect(preview.newPeople).toEqual(['王小明']);
    expect(preview.total).toBe(4);
    expect(preview.columns.map((c) => c.field)).toEqual([
      'code',
      'name',
      'deliverable',
      'ownerId',
      'start',
      'end',
      'budgetFen',
      'manpower',
      'tools',
      'criteria',
      'progress',
      'notes',
      'predecessorIds',
      'parentId',
    ]);
    expect(await ok(app, 'sheets.import', payload)).toEqual({
      created: 4,
      updated: 0,
      newPeople: ['王小明'],
    });
    expect(readTasks(app, project.id)).toEqual([
      {
        code: 'M001',
        name: '新品发布会筹备',
        deliverable: '发布会方案与场地',
        owner: '市场部*经理',
        start: '2024-06-01',
        end: '2024-06-20',
        budget: 5_000_000,
        manpower: '市场部 3 人',
        tools: '飞书文档',
        criteria: '方案评审通过',
        progress: 100,
        notes: '',
        module: null,
        milestone: 0,
        blocked: 0,
        parent: null,
        predecessors: '',
      },
      expect.objectContaining({
        code: 'M002',
        name: '邀请媒体与KOL',
        deliverable: '媒体名单, 邀请函',
        owner: '渠道组*专员',
        start: '2024-06-05',
        end: '2024-06-18',
        budget: 1_200_050,
        progress: 60,
        notes: '档期紧张,需提前 2 周',
        parent: 'M001',
      }),
      expect.objectContaining({
        code: 'M003',
        name: '发布会直播',
        manpower: '主播 1 人, 运营 2 人',
        start: '2024-06-21',
        end: '2024-06-21',
        progress: 0,
        predecessors: 'M001 M002',
      }),
      expect.objectContaining({ code: 'M004', owner: '王小明', budget: 800_000, predecessors: 'M003' }),
    ]);
    expect(nextSeq(app, project.id)).toBe(5);
  });

  test('a CSV with the template’s Chinese headers as WPS/Excel save it (BOM, CRLF) imports', async () => {
    const app = openApp();
    const project = createProject(app.db, { name: '2024夏季新品推广' });
    updateProject(app.db, { id: project.id, patch: { start: '2024-05-01', end: '2024-07-31' } });
    for (const name of ['内容组*主管', '渠道组*专员', '销售组*主管'])
      createPerson(app.db, { projectId: project.id, name });
    const bytes = readFileSync(join(FIXTURES, 'tasks-wps.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('\r\n');
    const payload = file(project.id, 'tasks', b64(bytes), 'tasks-wps.csv');
    const preview = await ok(app, 'sheets.preview', payload);
    expect(preview.problems).toEqual([]);
    expect(preview.newPeople).toEqual(['赵六']);
    expect(preview.columns.map((c) => c.field)).toEqual([
      'code',
      'name',
      'deliverable',
      'ownerId',
      'period',
      'resources',
      'criteria',
      'progress',
      'notes',
    ]);
    await ok(app, 'sheets.import', payload);
    expect(
      readTasks(app, project.id).map((t) => [
        t.code,
        t.name,
        t.owner,
        t.start,
        t.end,
        t.budget,
        t.manpower,
        t.tools,
        t.progress,
      ]),
    ).toEqual([
      [
        'M001',
        '社交媒体素材制作',
        '内容组*主管',
        '2024-04-20',
        '2024-04-30',
        800_000,
        '内容组 3 人',
        '剪映、稿定设计',
        100,
      ],
      [
        'M002',
        'KOL合作落地',
        '渠道组*专员',
        '2024-05-01',
        '2024-05-31',
        60_000_000,
        '渠道组 2 人',
        '蒲公英平台',
        80,
      ],
      [
        'M003',
        '直播带货',
        '内容组*主管',
        '2024-05-10',
        '2024-07-20',
        40_000_000,
        '主播 2 人、运营 2 人',
        '淘宝直播',
        45,
      ],
      [
        'M004',
        '线下地推执行',
        '销售组*主管',
        '2024-05-15',
        '2024-07-15',
        90_000_000,
        '销售组 6 人',
        '活动物料',
        60,
      ],
      ['M005', '活动复盘报告', '赵六', '2024-07-25', '2024-07-31', null, '', '', 0],
    ]);
    expect(readTasks(app, project.id)[4]).toMatchObject({
      deliverable: '书面复盘报告,含 ROI 与经验',
      criteria: '总负责人审阅通过',
      notes: '依赖各模块数据汇总',
    });
  });
});

describe('import of modules (Table 1)', () => {
  const template = [
    ['表1:营销策略执行跟踪总表'],
    [
      '策略名称',
      '目标描述（SMART）',
      '总负责人',
      '时间周期',
      '核心模块',
      '责任人',
      '当前进度（完成%/关键节点）',
      '执行情况简述',
      '问题反馈',
      '调整建议',
      '结果达成情况（当前）',
    ],
    [
      '2024夏季新品推广',
      '3个月内销量10万台,品牌声量提升40%',
      '市场部*经理',
      '5月1日-7月31日',
      '社交媒体推广',
      '内容组*主管',
      '60%(已完成预热内容,活动上线)',
      '小红书笔记曝光200万+,互动率8%',
      '电商渠道转化率低于预期(目标5%,实际3%)',
      '优化详情页产品卖点展示,追加直播带货预算',
      '销量4万台,完成40%',
    ],
    [
      '',
      '',
      '',
      '',
      '线下地推活动',
      '销售组*主管',
      '30%（已完成3场活动，剩余2场）',
      '单场活动新增用户500+,转化率12%',
      '部分区域场地成本超预算',
      '缩小小型场地规模,聚焦核心商圈',
      '-',
    ],
  ];

  test('the template’s table: modules, their owners, 60%(…) split, and the strategy filled in', async () => {
    const app = openApp();
    const project = createProject(app.db, { name: '夏季推广' });
    updateProject(app.db, { id: project.id, patch: { start: '2024-05-01' } });
    const payload = file(project.id, 'modules', csv(template));
    const preview = await ok(app, 'sheets.preview', payload);
    expect(preview.problems).toEqual([]);
    expect(preview.newPeople).toEqual(['市场部*经理', '内容组*主管', '销售组*主管']);
    expect(preview.projectFields).toEqual([
      { field: 'goal', value: '3个月内销量10万台,品牌声量提升40%' },
      { field: 'owner', value: '市场部*经理' },
    ]);
    expect(preview.rows.map((r) => r.action)).toEqual(['create', 'create']);
    expect(await ok(app, 'sheets.import', payload)).toEqual({
      created: 2,
      updated: 0,
      newPeople: ['市场部*经理', '内容组*主管', '销售组*主管'],
    });
    expect(readModules(app, project.id)).toEqual([
      {
        name: '社交媒体推广',
        owner: '内容组*主管',
        progress: 60,
        milestone: '已完成预热内容,活动上线',
        summary: '小红书笔记曝光200万+,互动率8%',
        issues: '电商渠道转化率低于预期(目标5%,实际3%)',
        suggestions: '优化详情页产品卖点展示,追加直播带货预算',
        result: '销量4万台,完成40%',
      },
      {
        name: '线下地推活动',
        owner: '销售组*主管',
        progress: 30,
        milestone: '已完成3场活动，剩余2场',
        summary: '单场活动新增用户500+,转化率12%',
        issues: '部分区域场地成本超预算',
        suggestions: '缩小小型场地规模,聚焦核心商圈',
        result: '-',
      },
    ]);
    expect(readPeople(app, project.id)).toEqual([
      { name: '市场部*经理', role: 'overall_owner' },
      { name: '内容组*主管', role: 'module_owner' },
      { name: '销售组*主管', role: 'module_owner' },
    ]);
    const stored = withRaw(app.file, (raw) =>
      raw
        .prepare(
          'SELECT p.goal, o.name AS owner, p.start_date, p.end_date FROM projects p LEFT JOIN people o ON o.id = p.owner_id WHERE p.id = ?',
        )
        .get(project.id),
    );
    // The period was kept: the project had a start already.
    expect(stored).toEqual({
      goal: '3个月内销量10万台,品牌声量提升40%',
      owner: '市场部*经理',
      start_date: '2024-05-01',
      end_date: null,
    });
  });

  test('a second import of the weekly table updates the modules of the same name', async () => {
    const app = openApp();
    const project = createProject(app.db, { name: '夏季推广' });
    await ok(app, 'sheets.import', file(project.id, 'modules', csv(template)));
    // 5月1日-7月31日 takes its year from the strategy's name, 2024夏季新品推广.
    const year = 2024;
    expect(
      withRaw(app.file, (raw) =>
        raw.prepare('SELECT start_date, end_date FROM projects WHERE id = ?').get(project.id),
      ),
    ).toEqual({ start_date: `${year}-05-01`, end_date: `${year}-07-31` });
    const week2 = template.map((r) => [...r]);
    week2[2]![6] = '75%(直播第二轮上线)';
    week2[3]![6] = '';
    const result = await ok(app, 'sheets.import', file(project.id, 'modules', csv(week2)));
    expect(result).toEqual({ created: 0, updated: 2, newPeople: [] });
    expect(readModules(app, project.id).map((m) => [m.name, m.progress, m.milestone])).toEqual([
      ['社交媒体推广', 75, '直播第二轮上线'],
      ['线下地推活动', null, ''],
    ]);
  });

  test('problems of Table 1 rows are listed and refuse the import (kept cells too, unless kept)', async () => {
    const app = openApp();
    const project = createProject(app.db, { name: '夏季推广' });
    const before = logicalHash(app.file);
    const payload = file(
      project.id,
      'modules',
      csv([
        ['核心模块', '责任人', '当前进度(完成%/关键节点)', '时间周期'],
        ['社交媒体推广', '张三、李四', '60%', '下个月'],
        ['社交媒体推广', '', '30%', ''],
        ['', '', '', ''],
        ['线下地推', '', '120%(超额)', ''],
        ['', '王五', '', ''],
      ]),
    );
    const preview = await ok(app, 'sheets.preview', payload);
    expect(preview.problems.map(({ ref, column, reason, kept }) => ({ ref, column, reason, kept }))).toEqual([
      { ref: 2, column: '责任人', reason: 'several_owners', kept: true },
      { ref: 2, column: '时间周期', reason: 'invalid_period', kept: true },
      { ref: 3, column: '核心模块', reason: 'duplicate_module', kept: false },
      { ref: 5, column: '当前进度(完成%/关键节点)', reason: 'too_big', kept: true },
      { ref: 6, column: '核心模块', reason: 'too_small', kept: false },
    ]);
    expect(preview.blockingCount).toBe(2);
    expect(await fail(app, 'sheets.import', payload)).toMatchObject({ reason: 'import_rejected' });
    expect(await fail(app, 'sheets.import', { ...payload, keepText: true })).toMatchObject({
      reason: 'import_rejected',
      params: { count: 2 },
    });
    expect(logicalHash(app.file)).toBe(before);
  });

  test('splits the combined progress cell', () => {
    expect(splitModuleProgress('60%(已完成预热内容,活动上线)')).toEqual({
      percent: '60',
      milestone: '已完成预热内容,活动上线',
    });
    expect(splitModuleProgress('30％（已完成3场活动）')).toEqual({
      percent: '30',
      milestone: '已完成3场活动',
    });
    expect(splitModuleProgress('45% - 直播中')).toEqual({ percent: '45', milestone: '直播中' });
    expect(splitModuleProgress('80')).toEqual({ percent: '80', milestone: '' });
    expect(splitModuleProgress('3场活动已完成')).toEqual({ percent: null, milestone: '3场活动已完成' });
    expect(splitModuleProgress('')).toEqual({ percent: null, milestone: '' });
  });
});

// ---- round trips ----

/** The demo project with a WBS outline, dependencies, flags and awkward text added. */
function richDemo(app: App): string {
  const pid = seedDemo(app.db);
  const tasks = withRaw(app.file, (raw) =>
    raw.prepare('SELECT id, code FROM tasks WHERE project_id = ? ORDER BY position').all(pid),
  ) as {
    id: string;
    code: string;
  }[];
  const id = (code: string) => tasks.find((t) => t.code === code)!.id;
  const sub = createTask(app.db, {
    projectId: pid,
    values: {
      name: '=直播脚本 "终版"',
      parentId: id('M003'),
      deliverable: '脚本,含话术\n与 FAQ',
      start: '2024-05-08',
      end: '2024-05-09',
      budgetFen: 123_456_789_01,
      progress: 33,
      milestone: true,
      notes: "-注意 'A/B' 两版",
    },
  });
  createTask(app.db, { projectId: pid, values: { name: '脚本审核', parentId: sub.id, blocked: true } });
  // Before Excel's calendar begins: written as text, read back the same.
  createTask(app.db, {
    projectId: pid,
    values: { name: '古早任务', start: '1850-01-01', end: '1900-03-01' },
  });
  updateTask(app.db, { id: id('M003'), patch: { predecessorIds: [id('M001'), id('M002')] } });
  updateTask(app.db, { id: id('M007'), patch: { predecessorIds: [id('M005')], milestone: true } });
  return pid;
}

async function roundTrip(format: 'xlsx' | 'csv', language: 'zh-CN' | 'en') {
  const app = openApp();
  const source = richDemo(app);
  const exported = {
    modules: await ok(app, 'sheets.export', { projectId: source, table: 'modules', format, language }),
    tasks: await ok(app, 'sheets.export', { projectId: source, table: 'tasks', format, language }),
  };
  expect(exported.tasks.fileName).toMatch(
    new RegExp(`^2024夏季新品推广-.+-\\d{4}-\\d{2}-\\d{2}\\.${format}$`),
  );
  const target = createProject(app.db, { name: '副本' }).id;
  for (const table of ['modules', 'tasks'] as const) {
    const payload = file(target, table, exported[table].base64, exported[table].fileName);
    const preview = await ok(app, 'sheets.preview', payload);
    expect(preview.problems, table).toEqual([]);
    await ok(app, 'sheets.import', payload);
  }
  expect(readTasks(app, target)).toEqual(readTasks(app, source));
  const modules = (pid: string) => readModules(app, pid).map((m) => ({ ...m, progress: undefined }));
  expect(modules(target)).toEqual(modules(source));
  // Rolled-up figures come back as the figure the table showed.
  expect(readModules(app, target).map((m) => m.progress)).toEqual([60, 30]);
  const projectOf = (pid: string) =>
    withRaw(app.file, (raw) =>
      raw
        .prepare(
          'SELECT p.goal, o.name AS owner, p.start_date, p.end_date FROM projects p LEFT JOIN people o ON o.id = p.owner_id WHERE p.id = ?',
        )
        .get(pid),
    );
  expect(projectOf(target)).toEqual(projectOf(source));
  expect(nextSeq(app, target)).toBe(nextSeq(app, source));
  return exported;
}

describe('round trip: export, then import into a new project, gives the same rows', () => {
  test('xlsx in Chinese, with typed cells', async () => {
    const exported = await roundTrip('xlsx', 'zh-CN');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(exported.tasks.base64, 'base64') as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('表2 执行任务拆解表');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(
      exportColumns('tasks').map((c) => c.header['zh-CN']),
    );
    const m001 = ws.getRow(2);
    expect(m001.getCell(1).value).toBe('M001');
    expect(m001.getCell(5).value).toEqual(new Date(Date.UTC(2024, 3, 20))); // 开始: a date cell at UTC midnight
    expect(m001.getCell(5).numFmt).toBe('yyyy-mm-dd');
    expect(m001.getCell(7).value).toBe(80_000); // 预算(元): a number, shown with ¥
    expect(m001.getCell(7).numFmt).toBe('"¥"#,##0.00');
    expect(m001.getCell(11).value).toBe(100); // 当前进度: 0–100, shown with %
    expect(ws.getRow(5).outlineLevel).toBe(1); // the sub-task of M003, grouped under it
    const t1 = new ExcelJS.Workbook();
    await t1.xlsx.load(Buffer.from(exported.modules.base64, 'base64') as unknown as ExcelJS.Buffer);
    const modules = t1.worksheets[0]!;
    expect(modules.getCell('G2').value).toBe('60%(已完成预热内容,活动上线)');
    expect(modules.getCell('A3').isMerged).toBe(true); // the strategy's cells, merged as in the template
  });

  test('csv in English: UTF-8 with BOM, CRLF, RFC 4180 quoting, dates as YYYY-MM-DD', async () => {
    const exported = await roundTrip('csv', 'en');
    const bytes = Buffer.from(exported.tasks.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      exportColumns('tasks')
        .map((c) => c.header.en)
        .join(','),
    );
    expect(text).toContain(
      'M001,社交媒体素材制作,"海报文案、活动视频各一套",'.replace(
        '"海报文案、活动视频各一套"',
        '海报文案、活动视频各一套',
      ),
    );
    expect(text).toContain(',2024-04-20,2024-04-30,80000.00,');
    expect(text).toContain(`"'=直播脚本 ""终版"""`); // a formula-looking cell stays text in Excel
    expect(text).toContain('"脚本,含话术\n与 FAQ"');
    expect(exported.tasks.mime).toBe('text/csv;charset=utf-8');
  });

  test('xlsx in English and csv in Chinese', async () => {
    await roundTrip('xlsx', 'en');
    await roundTrip('csv', 'zh-CN');
  });
});

describe('property: random task rows exported and imported come back equal', () => {
  // Text as users write it: Chinese, Latin, digits, punctuation that CSV must quote, line breaks,
  // and leading characters Excel would take for a formula. (Control characters are not allowed
  // in xlsx at all, and exceljs reads "_x0041_" as an escape, so neither is generated.)
  const alphabet = [...'任务海报直播复盘预热ABCxyz0123456789 ,"\'=+-@、;%¥/\n()（）'];
  const text = (max: number) =>
    fc
      .array(fc.constantFrom(...alphabet), { maxLength: max })
      .map((cs) => cs.join('').trim())
      .filter((s) => !s.includes('\n\n'));
  const isoDate = fc
    .date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const people = ['张三', '李四', 'Wang Wu'];
  const modules = ['社交媒体推广', '线下地推活动'];
  const row = fc.record({
    name: text(40).filter((s) => s.length > 0),
    deliverable: text(60),
    owner: fc.option(fc.constantFrom(...people), { nil: null }),
    dates: fc.tuple(fc.option(isoDate, { nil: null }), fc.option(isoDate, { nil: null })),
    budgetFen: fc.option(fc.integer({ min: 0, max: MAX_FEN }), { nil: null }),
    manpower: text(20),
    tools: text(20),
    criteria: text(30),
    progress: fc.integer({ min: 0, max: 100 }),
    notes: text(60),
    module: fc.option(fc.constantFrom(...modules), { nil: null }),
    milestone: fc.boolean(),
    blocked: fc.boolean(),
    parent: fc.nat(),
    predecessors: fc.array(fc.nat(), { maxLength: 3 }),
  });

  test('in xlsx and csv, Chinese and English', async () => {
    const app = openApp();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 12 }),
        fc.constantFrom('xlsx' as const, 'csv' as const),
        fc.constantFrom('zh-CN' as const, 'en' as const),
        async (rows, format, language) => {
          run++;
          const team = (pid: string) => {
            const ids = new Map(
              people.map((name) => [name, createPerson(app.db, { projectId: pid, name }).id]),
            );
            const mods = new Map(
              modules.map((name) => [name, createModule(app.db, { projectId: pid, values: { name } }).id]),
            );
            return { ids, mods };
          };
          const source = createProject(app.db, { name: `源${run}` }).id;
          const { ids, mods } = team(source);
          const created: string[] = [];
          rows.forEach((r, i) => {
            const [a, b] = r.dates;
            const [start, end] = a && b && b < a ? [b, a] : [a, b];
            // A parent among the earlier rows only (every other row is top-level).
            const parentId = i > 0 && r.parent % 2 === 1 ? created[r.parent % i]! : null;
            const task = createTask(app.db, {
              projectId: source,
              values: {
                name: r.name,
                deliverable: r.deliverable,
                ownerId: r.owner ? ids.get(r.owner)! : null,
                start,
                end,
                budgetFen: r.budgetFen,
                manpower: r.manpower,
                tools: r.tools,
                criteria: r.criteria,
                progress: r.progress,
                notes: r.notes,
                moduleId: r.module ? mods.get(r.module)! : null,
                milestone: r.milestone,
                blocked: r.blocked,
                parentId,
              },
            });
            const predecessorIds = i > 0 ? [...new Set(r.predecessors.map((p) => created[p % i]!))] : [];
            if (predecessorIds.length) updateTask(app.db, { id: task.id, patch: { predecessorIds } });
            created.push(task.id);
          });
          const target = createProject(app.db, { name: `目标${run}` }).id;
          team(target);
          const exported = await ok(app, 'sheets.export', {
            projectId: source,
            table: 'tasks',
            format,
            language,
          });
          const payload = file(target, 'tasks', exported.base64, exported.fileName);
          const preview = await ok(app, 'sheets.preview', payload);
          expect(preview.problems).toEqual([]);
          await ok(app, 'sheets.import', payload);
          expect(readTasks(app, target)).toEqual(readTasks(app, source));
        },
      ),
      { numRuns: 40 },
    );
  });
});
