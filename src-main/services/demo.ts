/**
 * The template's own example, 2024夏季新品推广, seeded on first run so a new user sees a real plan
 * rather than an empty screen. It is data (the template's words), not interface text. Seeded
 * once per database: after the user deletes it, it does not come back.
 */
import type { Db } from './common';
import { createPerson } from './people';
import { createModule } from './modules';
import { createProject, updateProject } from './projects';
import { createTask } from './tasks';

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

  const social = createModule(db, {
    projectId: pid,
    values: {
      name: '社交媒体推广',
      ownerId: content,
      progressOverride: 60,
      milestone: '已完成预热内容,活动上线',
      summary: '小红书笔记曝光200万+,互动率8%',
      issues: '电商渠道转化率低于预期(目标5%,实际3%)',
      suggestions: '优化详情页产品卖点展示,追加直播带货预算',
      result: '销量4万台,完成40%',
    },
  }).id;
  const offline = createModule(db, {
    projectId: pid,
    values: {
      name: '线下地推活动',
      ownerId: sales,
      progressOverride: 30,
      milestone: '已完成3场活动,剩余2场',
      summary: '单场活动新增用户500+,转化率12%',
      issues: '部分区域场地成本超预算',
      suggestions: '缩小小型场地规模,聚焦核心商圈',
      result: '-',
    },
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
  for (const values of tasks) createTask(db, { projectId: pid, values });
  return pid;
}
