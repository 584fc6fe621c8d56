/**
 * The template's own example, 2024夏季新品推广, seeded on first run so a new user sees a real plan
 * rather than an empty screen. It is data (the template's words), not interface text. Seeded
 * once per database: after the user deletes it, it does not come back.
 */
import type { ModulePatch } from '../shared/domain';
import { addDays } from '../shared/metrics-logic';
import type { MetricPatch } from '../shared/tracking';
import { createCheckin } from './checkins';
import { createLesson } from './lessons';
import type { Db } from './common';
import { createMetric, upsertActual } from './metrics';
import { createPerson } from './people';
import { createModule, updateModule } from './modules';
import { openPeriod } from './periods';
import { createProject, updateProject } from './projects';
import { createSpend } from './spend';
import { createTask, updateTask } from './tasks';
import { createIssue } from './issues';
import { createFeedback, feedbackFromAttention } from './feedback';
import { createCause } from './causes';
import { createAdjustment } from './adjustments';
import { applyAdjustment, approveAdjustment, submitAdjustment } from './adjustment-workflow';
import { matchIdentity } from './identity';

const SEEDED_KEY = 'demo_seeded';

export function seedDemoOnce(db: Db): boolean {
  return db.transaction(() => {
    if (db.prepare('SELECT 1 FROM app_meta WHERE key = ?').get(SEEDED_KEY)) return false;
    seedDemo(db);
    db.prepare('INSERT INTO app_meta (key, value) VALUES (?, ?)').run(SEEDED_KEY, new Date().toISOString());
    return true;
  })();
}

export function seedDemo(db: Db): string {
  const project = createProject(db, { name: '2024夏季新品推广' });
  const pid = project.id;
  const person = (
    name: string,
    role: 'overall_owner' | 'module_owner' | 'executor',
    group: string,
    reportsToId?: string,
  ) => createPerson(db, { projectId: pid, name, role, group, reportsToId: reportsToId ?? null }).id;

  const manager = person('市场部*经理', 'overall_owner', '市场部');
  const content = person('内容组*主管', 'module_owner', '内容组', manager);
  const sales = person('销售组*主管', 'module_owner', '销售组', manager);
  const channel = person('渠道组*专员', 'executor', '渠道组', content);
  const data = person('数据组*专员', 'executor', '数据组', manager);

  updateProject(db, {
    id: pid,
    patch: {
      goal: '3个月内销量10万台,品牌声量提升40%',
      ownerId: manager,
      start: '2024-05-01',
      end: '2024-07-31',
      status: 'active',
      actions: '社交媒体种草 + 电商直播 + 线下地推',
      audience: '一二线城市 22–35 岁年轻消费者',
      budgetFen: 300_000_000, // ¥3,000,000.00
      manpower: '内容组 4 人、渠道组 3 人、销售组 6 人、数据组 2 人',
      channels: '小红书、抖音、天猫旗舰店、核心商圈快闪',
      expectedOutcome: '销量10万台,品牌声量提升40%',
    },
  });

  /*
   * Table 1 in three weekly tracking periods (6月3日–9日, 10日–16日 closed with their snapshots,
   * 17日–23日 current): the modules start at the first week's figures and reach the template's
   * own (60% / 30%) in the current week.
   */
  const table1: { social: ModulePatch; offline: ModulePatch }[] = [
    {
      social: {
        progressOverride: 40,
        milestone: '预热内容上线,达人笔记陆续发布',
        summary: '小红书笔记曝光150万,互动率7.8%',
        issues: '电商渠道转化率走低(目标5%,实际3.2%)',
        suggestions: '排查详情页跳失原因',
        result: '销量2.3万台,完成23%',
      },
      offline: {
        progressOverride: 10,
        milestone: '场地签约完成,已完成2场活动',
        summary: '单场活动新增用户500+',
        issues: '部分区域场地报价高于预算',
        suggestions: '与场地方重新议价',
        result: '-',
      },
    },
    {
      social: {
        progressOverride: 50,
        milestone: '已完成预热内容,活动上线',
        summary: '小红书笔记曝光190万,互动率8%',
        issues: '电商渠道转化率低于预期(目标5%,实际3%)',
        suggestions: '优化详情页产品卖点展示',
        result: '销量3.2万台,完成32%',
      },
      offline: {
        progressOverride: 20,
        milestone: '已完成3场活动,剩余2场',
        summary: '单场活动新增用户500+,转化率12%',
        issues: '部分区域场地成本超预算',
        suggestions: '缩小小型场地规模',
        result: '-',
      },
    },
    {
      social: {
        progressOverride: 60,
        milestone: '已完成预热内容,活动上线',
        summary: '小红书笔记曝光200万+,互动率8%',
        issues: '电商渠道转化率低于预期(目标5%,实际3%)',
        suggestions: '优化详情页产品卖点展示,追加直播带货预算',
        result: '销量4万台,完成40%',
      },
      offline: {
        progressOverride: 30,
        milestone: '已完成3场活动,剩余2场',
        summary: '单场活动新增用户500+,转化率12%',
        issues: '部分区域场地成本超预算',
        suggestions: '缩小小型场地规模,聚焦核心商圈',
        result: '-',
      },
    },
  ];
  const social = createModule(db, {
    projectId: pid,
    values: { name: '社交媒体推广', ownerId: content, ...table1[0]!.social },
  }).id;
  const offline = createModule(db, {
    projectId: pid,
    values: { name: '线下地推活动', ownerId: sales, ...table1[0]!.offline },
  }).id;

  const tasks: Parameters<typeof createTask>[1]['values'][] = [
    {
      name: '社交媒体素材制作',
      deliverable: '海报文案、活动视频各一套',
      ownerId: content,
      start: '2024-04-20',
      end: '2024-04-30',
      budgetFen: 8_000_000,
      manpower: '内容组 3 人',
      tools: '剪映、稿定设计',
      criteria: '素材初版 4月30日前通过审核',
      progress: 100,
      notes: '依赖产品卖点定稿',
      moduleId: social,
    },
    {
      name: 'KOL合作落地',
      deliverable: '20位小红书达人笔记',
      ownerId: channel,
      start: '2024-05-01',
      end: '2024-05-31',
      budgetFen: 60_000_000,
      manpower: '渠道组 2 人',
      tools: '蒲公英平台',
      criteria: '笔记曝光 200 万+',
      progress: 80,
      notes: '达人档期紧张',
      moduleId: social,
    },
    {
      name: '直播带货',
      deliverable: '天猫旗舰店直播 8 场',
      ownerId: content,
      start: '2024-05-10',
      end: '2024-07-20',
      budgetFen: 40_000_000,
      manpower: '主播 2 人、运营 2 人',
      tools: '淘宝直播',
      criteria: '转化率 ≥ 5%',
      progress: 45,
      notes: '转化率低于预期,需优化详情页',
      moduleId: social,
    },
    {
      name: '数据看板搭建',
      deliverable: '每日销量与转化看板',
      ownerId: data,
      start: '2024-05-01',
      end: '2024-05-08',
      budgetFen: 0,
      manpower: '数据组 1 人',
      tools: '生意参谋、Excel',
      criteria: '每日 10 点前自动更新',
      progress: 100,
      notes: '',
      moduleId: social,
    },
    {
      name: '线下地推执行',
      deliverable: '5 场核心商圈快闪活动',
      ownerId: sales,
      start: '2024-05-15',
      end: '2024-07-15',
      budgetFen: 90_000_000,
      manpower: '销售组 6 人',
      tools: '活动物料、扫码登记表',
      criteria: '单场新增用户 500+',
      progress: 60,
      notes: '部分区域场地成本超预算',
      moduleId: offline,
    },
    {
      name: '场地与物料采购',
      deliverable: '场地合同、物料清单',
      ownerId: sales,
      start: '2024-05-05',
      end: '2024-05-20',
      budgetFen: 30_000_000,
      manpower: '销售组 1 人',
      tools: '',
      criteria: '5 个场地全部签约',
      progress: 100,
      notes: '',
      moduleId: offline,
    },
    {
      name: '活动复盘报告',
      deliverable: '书面复盘报告',
      ownerId: manager,
      start: '2024-07-25',
      end: '2024-07-31',
      budgetFen: 0,
      manpower: '各组主管',
      tools: '',
      criteria: '总负责人审阅通过',
      progress: 0,
      notes: '依赖各模块数据汇总',
    },
  ];
  const [material, kol, live, , roadshow, venues] = tasks.map(
    (values) => createTask(db, { projectId: pid, values }).id,
  ) as [string, string, string, string, string, string, string];
  seedTracking(db, { pid, social, offline, material, kol, live, roadshow, venues, table1 });
  seedLessons(db, pid, social, offline);
  return pid;
}

/** Lessons written so far (step 六), drawn from the template's own problems and suggestions. */
function seedLessons(db: Db, pid: string, social: string, offline: string): void {
  const lesson = (values: Parameters<typeof createLesson>[1]['values']) =>
    createLesson(db, { projectId: pid, values });
  lesson({
    kind: 'success',
    text: '小红书达人笔记预热带来200万+曝光,互动率达到8%',
    channel: '小红书',
    audience: '一二线城市年轻消费者',
    tactic: '达人种草',
    moduleId: social,
  });
  lesson({
    kind: 'failure',
    text: '电商渠道转化率低于预期(目标5%,实际3%),详情页卖点展示不足',
    channel: '天猫旗舰店',
    tactic: '直播带货',
    moduleId: social,
  });
  lesson({
    kind: 'failure',
    text: '部分区域场地成本超预算,签约前未比价',
    channel: '线下快闪',
    tactic: '地推活动',
    moduleId: offline,
  });
  lesson({
    kind: 'improvement',
    text: '缩小小型场地规模,聚焦核心商圈;场地签约前至少比价三家',
    channel: '线下快闪',
    tactic: '地推活动',
    moduleId: offline,
  });
}

/**
 * Tracking for the demo, consistent with the template's figures: metrics with weekly values in
 * May–June 2024 (销量4万台 of 10万, 转化率3% against 5%, 小红书曝光200万+, 互动率8%), spend per
 * module (线下地推 over its budget: 部分区域场地成本超预算), weekly check-ins of 直播带货, and Table 1
 * kept in two closed tracking periods.
 */
function seedTracking(
  db: Db,
  ids: {
    pid: string;
    social: string;
    offline: string;
    material: string;
    kol: string;
    live: string;
    roadshow: string;
    venues: string;
    table1: { social: ModulePatch; offline: ModulePatch }[];
  },
): void {
  const { pid, social, offline, material, kol, live, roadshow, venues, table1 } = ids;
  const metric = (values: MetricPatch & { name: string }) => createMetric(db, { projectId: pid, values }).id;
  const target = { startDate: null, targetDate: '2024-07-31', cycle: 'week' } as const;
  const sales = metric({
    name: '销量',
    preset: 'units_sold',
    unit: '台',
    baselineC: 0,
    targetC: 10_000_000, // 10万台
    goalLinked: true,
    ...target,
  });
  const voice = metric({
    name: '品牌声量',
    unit: '%',
    kind: 'percent',
    aggregation: 'last', // the uplift measured to date, not a sum of weeks
    baselineC: 0,
    targetC: 4000, // +40%
    goalLinked: true,
    ...target,
  });
  const exposure = metric({
    name: '小红书曝光量',
    preset: 'exposure',
    unit: '次',
    moduleId: social,
    targetC: 200_000_000, // 200万
    funnelStage: 1,
    ...target,
    targetDate: '2024-06-30',
  });
  const engagement = metric({
    name: '互动率',
    preset: 'engagement_rate',
    unit: '%',
    moduleId: social,
    targetC: 800,
    ...target,
  });
  const conversion = metric({
    name: '转化率',
    preset: 'conversion_rate',
    unit: '%',
    taskId: live,
    baselineC: 500,
    targetC: 500,
    ...target,
  });
  const perEvent = metric({
    name: '单场新增用户',
    unit: '人',
    aggregation: 'average', // one reading per event; the campaign's figure is their mean
    moduleId: offline,
    targetC: 50_000, // 500人
    ...target,
  });
  const leads = metric({
    name: '线索',
    preset: 'leads',
    unit: '人',
    targetC: 20_000_000, // 20万
    funnelStage: 3,
    ...target,
  });
  const deals = metric({
    name: '成交',
    preset: 'deals',
    unit: '单',
    targetC: 9_500_000, // 9.5万单
    funnelStage: 4,
    ...target,
  });

  const weeks = [
    '2024-04-29',
    '2024-05-06',
    '2024-05-13',
    '2024-05-20',
    '2024-05-27',
    '2024-06-03',
    '2024-06-10',
    '2024-06-17',
  ];
  const record = (metricId: string, values: (number | null)[], source: string) =>
    values.forEach((valueC, i) => {
      if (valueC === null) return;
      const periodStart = weeks[i]!;
      upsertActual(db, { metricId, periodStart, periodEnd: addDays(periodStart, 6), valueC, source });
    });
  const units = (xs: (number | null)[]) => xs.map((x) => (x === null ? null : x * 100));
  record(sales, units([1200, 2800, 3500, 4200, 5100, 6300, 8400, 8500]), '生意参谋'); // 4万台
  record(exposure, units([150e3, 280e3, 320e3, 300e3, 260e3, 300e3, 290e3, 250e3]), '小红书蒲公英'); // 215万
  record(leads, units([6000, 12e3, 15e3, 16e3, 15e3, 17e3, 20e3, 19e3]), '生意参谋'); // 12万
  record(deals, units([1100, 2500, 3200, 3800, 4600, 5700, 7500, 7600]), '生意参谋'); // 3.6万单
  record(engagement, [null, 650, null, 720, null, 780, null, 800], '小红书蒲公英');
  record(conversion, [null, 410, null, 360, null, 320, null, 300], '生意参谋');
  record(voice, [null, null, 800, null, 1500, null, 2200, 2600], '舆情监测');
  record(perEvent, [null, null, null, null, 52_000, 56_000, 51_000, null], '门店登记');

  const spend = (date: string, yuan: number, note: string, scope: { moduleId?: string; taskId?: string }) =>
    createSpend(db, { projectId: pid, values: { date, amountFen: yuan * 100, note, ...scope } });
  spend('2024-04-30', 78_000, '海报与视频制作', { taskId: material });
  spend('2024-05-08', 12_000, '数据工具订阅', {});
  spend('2024-05-18', 420_000, '5个场地租赁,部分区域报价超预算', { taskId: venues });
  spend('2024-05-20', 60_000, '活动物料', { moduleId: offline });
  spend('2024-05-26', 300_000, '第1场快闪活动', { taskId: roadshow });
  spend('2024-05-31', 520_000, '20位达人合作费', { taskId: kol });
  spend('2024-06-02', 290_000, '第2场快闪活动', { taskId: roadshow });
  spend('2024-06-09', 310_000, '第3场快闪活动', { taskId: roadshow });
  spend('2024-06-15', 180_000, '直播坑位与投流', { taskId: live });

  // 直播带货 is checked in weekly; the week of 5月27日 was missed.
  updateTask(db, { id: live, patch: { trackingCycle: 'week' } });
  const checkin = (date: string, progress: number, note: string) =>
    createCheckin(db, { taskId: live, date, progress, note });
  checkin('2024-05-10', 5, '首场直播');
  checkin('2024-05-17', 10, '');
  checkin('2024-05-24', 18, '转化率开始走低');
  checkin('2024-06-07', 32, '');

  // Three weeks of Table 1: each opening closes the week before with its snapshot.
  const progress = (values: Record<string, number>) => {
    for (const [id, p] of Object.entries(values)) updateTask(db, { id, patch: { progress: p } });
  };
  progress({ [kol]: 60, [roadshow]: 20 });
  openPeriod(db, { projectId: pid, today: '2024-06-03' });
  openPeriod(db, { projectId: pid, today: '2024-06-10' });
  updateModule(db, { id: social, patch: table1[1]!.social });
  updateModule(db, { id: offline, patch: table1[1]!.offline });
  progress({ [kol]: 70, [roadshow]: 40 });
  checkin('2024-06-14', 40, '追加直播预算待审批');
  const followUp = seedProblems(db, { pid, social, offline, live, venues, conversion });
  openPeriod(db, { projectId: pid, today: '2024-06-17' });
  updateModule(db, { id: social, patch: table1[2]!.social });
  updateModule(db, { id: offline, patch: table1[2]!.offline });
  progress({ [kol]: 80, [roadshow]: 60 });
  seedDecisions(db, { pid, offline, roadshow, ...followUp });
  checkin('2024-06-21', 45, '详情页优化上线');
}

/** The team members of the demo, by name. */
function member(db: Db, pid: string, name: string): string {
  return db
    .prepare('SELECT id FROM people WHERE project_id = ? AND name = ?')
    .pluck()
    .get(pid, name) as string;
}

/**
 * Steps 四 and 五 of the template's story, up to the week of 6月10日: 电商渠道转化率低于预期 logged
 * as an issue, the 转化率 gap as 数据反馈, a customer survey, the root cause 详情页卖点不突出 and the
 * adjustment 优化详情页产品卖点展示，追加直播带货预算 submitted by the module's owner; and the
 * offline module's 线下地推物料延迟, still open. The week's close keeps them in Table 1.
 */
function seedProblems(
  db: Db,
  ids: { pid: string; social: string; offline: string; live: string; venues: string; conversion: string },
) {
  const { pid, social, offline, live, venues, conversion } = ids;
  const manager = member(db, pid, '市场部*经理');
  const content = member(db, pid, '内容组*主管');
  const sales = member(db, pid, '销售组*主管');
  const issue = createIssue(db, {
    projectId: pid,
    values: {
      reportedOn: '2024-06-05',
      reporterId: content,
      moduleId: social,
      taskId: live,
      category: '流程卡点',
      title: '电商渠道转化率低于预期(目标5%,实际3%)',
      impact: '直播与种草带来的流量未转化为销量,销量进度落后于时间进度',
      supportNeeded: '设计组协助重做详情页;财务确认追加直播预算',
      severity: 'high',
      ownerId: content,
      dueDate: '2024-06-30',
      status: 'in_progress',
    },
  }).id;
  createIssue(db, {
    projectId: pid,
    values: {
      reportedOn: '2024-06-12',
      reporterId: sales,
      moduleId: offline,
      taskId: venues,
      category: '外部因素',
      title: '线下地推物料延迟',
      impact: '第4场快闪活动的展架与试用装可能赶不上',
      supportNeeded: '采购部催促供应商,必要时更换本地供应商',
      severity: 'medium',
      ownerId: sales,
      dueDate: '2024-06-20',
      status: 'open',
    },
  });
  const gap = feedbackFromAttention(db, {
    projectId: pid,
    key: `metric_behind:${conversion}`,
    today: '2024-06-10',
    content: '转化率 目标5%,实际3.2%,连续四周走低',
  }).feedback.id;
  const survey = createFeedback(db, {
    projectId: pid,
    values: {
      source: 'external',
      channel: '客户调研',
      receivedOn: '2024-06-08',
      content: '受访用户表示详情页看不出与竞品的差异,续航和快充卖点不明显',
      sentiment: 'negative',
      moduleId: social,
    },
  }).id;
  const cause = createCause(db, {
    projectId: pid,
    values: {
      category: '素材吸引力不足',
      title: '详情页卖点不突出',
      analysis:
        '为什么转化低?进店用户跳失率高。为什么跳失?详情页首屏没有讲清卖点。为什么没讲清?详情页沿用旧品模板,未按新品卖点重做。',
      issueIds: [issue],
      feedbackIds: [gap, survey],
    },
  }).id;
  const venuesCause = createCause(db, {
    projectId: pid,
    values: {
      category: '预算',
      title: '小型场地客流少、单场成本高',
      analysis: '小型场地人均获客成本是核心商圈的1.8倍。',
    },
  }).id;
  // The module's owner drafts and submits from this installation, then the owner decides.
  matchIdentity(db, { projectId: pid, personId: content });
  const adjustment = createAdjustment(db, {
    projectId: pid,
    values: {
      title: '优化详情页产品卖点展示,追加直播带货预算',
      moduleId: social,
      ownerId: content,
      measures: '详情页首屏突出续航、快充、外观三大卖点;直播间同步讲解;追加直播带货预算40万元用于投流',
      deadline: '2024-06-30',
      expectedMetricId: conversion,
      expectedValueC: 450, // 4.5%
      expectedBy: '2024-07-15',
      issueIds: [issue],
      feedbackIds: [gap, survey],
      rootCauseIds: [cause],
      // +40万 of a 300万 budget: 13.3% > 10%, a major adjustment.
      changes: [{ kind: 'task_budget', taskId: live, deltaFen: 40_000_000 }],
    },
  }).id;
  submitAdjustment(db, { id: adjustment, today: '2024-06-14', comment: '请审批' });
  matchIdentity(db, { projectId: pid, personId: manager });
  return { adjustment, venuesCause };
}

/**
 * The week of 6月17日: the owner approves and applies the adjustment (the live stream's budget
 * grows by 40万), and 销售组 submits 缩小小型场地规模,聚焦核心商圈, awaiting approval.
 */
function seedDecisions(
  db: Db,
  ids: { pid: string; offline: string; roadshow: string; adjustment: string; venuesCause: string },
) {
  const { pid, offline, roadshow, adjustment, venuesCause } = ids;
  approveAdjustment(db, { id: adjustment, today: '2024-06-17', comment: '同意,预算从市场费用中调剂' });
  applyAdjustment(db, { id: adjustment, today: '2024-06-18' });
  const sales = member(db, pid, '销售组*主管');
  matchIdentity(db, { projectId: pid, personId: sales });
  const venues = createAdjustment(db, {
    projectId: pid,
    values: {
      title: '缩小小型场地规模,聚焦核心商圈',
      moduleId: offline,
      ownerId: sales,
      measures: '取消2个小型场地,剩余2场集中在核心商圈;节省预算35万元',
      deadline: '2024-06-25',
      rootCauseIds: [venuesCause],
      // −35万 of 300万: 11.7% > 10%, major.
      changes: [{ kind: 'task_budget', taskId: roadshow, deltaFen: -35_000_000 }],
    },
  }).id;
  submitAdjustment(db, { id: venues, today: '2024-06-19' });
  matchIdentity(db, { projectId: pid, personId: member(db, pid, '市场部*经理') });
}
