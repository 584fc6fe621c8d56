/**
 * The issue log, feedback log, root causes and 策略调整审批表 exported as .xlsx and .csv with the
 * template's Chinese headers, read back from the bytes; and the demo project's story of steps 四
 * and 五 as it is stored.
 */
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { seedDemo } from '../../src-main/services/demo';
import { openApp, query, type App } from '../helpers/app';

async function exported(
  app: App,
  projectId: string,
  table: string,
  format: 'xlsx' | 'csv',
  language = 'zh-CN',
) {
  const result = await app.router.invokeAsync('sheets.export', { projectId, table, format, language });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  const file = result.value as { fileName: string; base64: string };
  return { fileName: file.fileName, bytes: Buffer.from(file.base64, 'base64') };
}

async function xlsxRows(bytes: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('the demo tells the template story of steps 四 and 五', () => {
  test('issues, gap, root cause, an applied adjustment and one awaiting approval', () => {
    const app = openApp();
    const pid = seedDemo(app.db);
    expect(query(app.file, 'SELECT title, status FROM issues ORDER BY reported_on')).toEqual([
      { title: '电商渠道转化率低于预期(目标5%,实际3%)', status: 'in_progress' },
      { title: '线下地推物料延迟', status: 'open' },
    ]);
    // The 转化率 gap as of 6月10日: target 5%, actual 3.2%, (3.2 − 5) / 5 = −36 %.
    expect(query(app.file, "SELECT target_c, actual_c, gap_pct FROM feedback WHERE source = 'data'")).toEqual(
      [{ target_c: 500, actual_c: 320, gap_pct: -36 }],
    );
    const adjustments = app.ok('adjustments.list', { projectId: pid });
    expect(adjustments.map((a) => [a.title, a.status, a.major, a.decision?.verified ?? null])).toEqual([
      ['优化详情页产品卖点展示,追加直播带货预算', 'applied', true, true],
      ['缩小小型场地规模,聚焦核心商圈', 'submitted', true, null],
    ]);
    // +40万 on 直播带货 (40万 → 80万), of a 300万 budget: 13.3 % > 10 %.
    expect(adjustments[0]!.budgetChangeFen).toBe(40_000_000);
    expect(query(app.file, "SELECT budget_fen FROM tasks WHERE name = '直播带货'")).toEqual([
      { budget_fen: 80_000_000 },
    ]);
    expect(adjustments[0]!.history.map((h) => `${h.action}:${h.personName}:${h.date}`)).toEqual([
      'submit:内容组*主管:2024-06-14',
      'approve:市场部*经理:2024-06-17',
      'apply:市场部*经理:2024-06-18',
    ]);
    expect(adjustments[0]!.rootCauses.map((r) => r.label)).toEqual(['详情页卖点不突出']);
    expect(app.ok('identity.me', { projectId: pid })).toMatchObject({
      personName: '市场部*经理',
      isOverallOwner: true,
    });
    // The closed week of 6月10日 showed both issues open and the adjustment submitted.
    const periods = app.ok('periods.list', { projectId: pid });
    const week = periods.find((p) => p.start === '2024-06-10')!;
    expect(
      app.ok('periods.snapshot', { periodId: week.id }).map((m) => [m.name, m.openIssues, m.adjustments]),
    ).toEqual([
      [
        '社交媒体推广',
        ['电商渠道转化率低于预期(目标5%,实际3%)'],
        [{ title: '优化详情页产品卖点展示,追加直播带货预算', status: 'submitted' }],
      ],
      ['线下地推活动', ['线下地推物料延迟'], []],
    ]);
    expect(app.ok('feedback.summary', { projectId: pid })).toMatchObject({
      openIssues: 2,
      awaitingApproval: 1,
      adjustmentsInProgress: 2,
    });
  });
});

describe('export of the logs', () => {
  test('策略调整审批表 as .xlsx with the Chinese headers and typed cells', async () => {
    const app = openApp();
    const pid = seedDemo(app.db);
    const { fileName, bytes } = await exported(app, pid, 'adjustments', 'xlsx');
    expect(fileName).toMatch(/^2024夏季新品推广-策略调整审批表-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const rows = await xlsxRows(bytes);
    expect(rows[0]).toEqual([
      '调整事项',
      '核心模块',
      '申请人',
      '调整原因(问题/反馈/根因)',
      '具体措施',
      '计划变更',
      '重大调整',
      '责任人',
      '时间节点',
      '预期效果',
      '状态',
      '提交日期',
      '审批人',
      '审批日期',
      '审批意见',
      '实施日期',
      '实际效果',
      '评估日期',
      '效果评价',
    ]);
    const applied = rows[1]!;
    expect(applied.slice(0, 3)).toEqual([
      '优化详情页产品卖点展示,追加直播带货预算',
      '社交媒体推广',
      '内容组*主管',
    ]);
    expect(applied[5]).toBe('M003 直播带货 预算 +400000.00');
    expect(applied[6]).toBe('是 (预算变动超过比例)');
    expect(applied[9]).toBe('转化率 4.50 (前 2024-07-15)');
    expect(applied[10]).toBe('已实施');
    expect(applied[12]).toBe('市场部*经理');
    expect(applied[13]).toEqual(new Date(Date.UTC(2024, 5, 17)));
    expect(applied[14]).toBe('同意,预算从市场费用中调剂');
    expect(rows[2]![10]).toBe('已提交');
    expect(rows[2]![5]).toBe('M005 线下地推执行 预算 -350000.00');
  });

  test('the issue log and the feedback log as .csv; English headers for an English UI', async () => {
    const app = openApp();
    const pid = seedDemo(app.db);
    const issues = (await exported(app, pid, 'issues', 'csv')).bytes;
    expect([...issues.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = issues.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      '日期,提出人,核心模块,任务,问题类别,问题描述(障碍),影响,需协调支持的事项,严重程度,负责人,期限,状态,解决方案,解决日期,根因,调整措施',
    );
    expect(lines[1]).toMatch(
      /^2024-06-05,内容组\*主管,社交媒体推广,M003 直播带货,流程卡点,"电商渠道转化率低于预期\(目标5%,实际3%\)",/,
    );
    expect(lines[1]).toContain(
      ',高,内容组*主管,2024-06-30,处理中,,,详情页卖点不突出,"优化详情页产品卖点展示,追加直播带货预算"',
    );
    const feedback = (await exported(app, pid, 'feedback', 'csv', 'en')).bytes
      .subarray(3)
      .toString('utf8')
      .split('\r\n');
    expect(feedback[0]).toBe(
      'Date,Source,Channel,Content,Sentiment,Module,Task,Metric,Target,Actual,Gap (%),Root causes,Adjustments',
    );
    const gap = feedback.find((l) => l.includes(',Data,'))!;
    expect(gap).toContain(',转化率,5.00,3.20,-36,');
    const causes = (await exported(app, pid, 'causes', 'csv')).bytes
      .subarray(3)
      .toString('utf8')
      .split('\r\n');
    expect(causes[0]).toBe('根因类别,根因,分析过程,关联问题,关联反馈,调整措施');
    expect(causes[1]).toMatch(/^素材吸引力不足,详情页卖点不突出,/);
  });
});
