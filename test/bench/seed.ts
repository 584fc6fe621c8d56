/**
 * A realistic large campaign plan written straight into the app's SQLite file with prepared
 * statements in one transaction: a team of 20 with Chinese names, six modules, N tasks with
 * dates, budgets, progress, an outline (blocks of ten: a parent, its children and a few
 * grandchildren) and predecessor links (about a third of the tasks). Deterministic.
 */
import type { Database } from 'better-sqlite3';
import { newId } from '../../src-main/db/ids';
import { taskCode } from '../../src-main/shared/task-logic';
import { prng, timed } from './stats';

export interface SeededProject {
  projectId: string;
  /** Task ids in table order (position). */
  taskIds: string[];
  peopleIds: string[];
  moduleIds: string[];
  links: number;
  /** Time of the one seeding transaction, in ms. */
  seedMs: number;
}

const SURNAMES = '王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '华',
  '慧',
];
const GROUPS = ['内容组', '渠道组', '销售组', '数据组', '设计组'];
const MODULES = ['社交媒体推广', '电商直播', '线下地推活动', '品牌联名合作', '会员运营', '数据复盘'];
const VERBS = ['策划', '撰写', '拍摄', '投放', '复核', '对接', '上线', '跟进', '统计', '优化'];
const OBJECTS = [
  '小红书种草笔记',
  '抖音短视频',
  '直播脚本',
  '天猫详情页',
  '快闪店物料',
  'KOL合作清单',
  '会员短信',
  '优惠券方案',
  '销量日报看板',
  '竞品分析报告',
];
const TOOLS = ['Excel', '飞书文档', '剪映', 'Photoshop', '巨量千川', '生意参谋'];
const NOTES = ['', '', '', '依赖设计组排期', '需法务审核', '预算待审批', '风险:达人档期紧张'];

const DAY = 86_400_000;
const isoDay = (base: number, days: number) => new Date(base + days * DAY).toISOString().slice(0, 10);

export function seedProject(db: Database, size: number, seed = 20261126): SeededProject {
  const rnd = prng(seed + size);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const stamp = new Date().toISOString();
  const projectId = newId();
  const peopleIds = Array.from({ length: 20 }, () => newId());
  const moduleIds = MODULES.map(() => newId());
  const taskIds = Array.from({ length: size }, () => newId());
  const base = Date.UTC(2026, 8, 1); // 2026-09-01
  let links = 0;

  const { ms: seedMs } = timed(() =>
    db.transaction(() => {
      db.prepare(
        `INSERT INTO projects (id, name, goal, start_date, end_date, status, actions, audience, budget_fen,
                               manpower, channels, expected_outcome, next_task_seq, created_at, updated_at)
         VALUES (?, ?, ?, '2026-09-01', '2026-12-31', 'active', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        projectId,
        `2026双11大促·全渠道营销(${size.toLocaleString('en-US')} 任务)`,
        '双11期间GMV达到5000万元,新客占比提升至35%',
        '社交媒体种草 + 电商直播 + 线下快闪 + 会员召回',
        '一二线城市 22–40 岁消费者',
        5_000_000_000,
        '内容组 6 人、渠道组 5 人、销售组 5 人、数据组 2 人、设计组 2 人',
        '小红书、抖音、天猫旗舰店、京东自营、核心商圈快闪',
        'GMV 5000万元,ROI ≥ 3',
        size + 1,
        stamp,
        stamp,
      );
      const person = db.prepare(
        `INSERT INTO people (id, project_id, name, role, group_name, reports_to_id, position, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      peopleIds.forEach((id, i) => {
        const role = i === 0 ? 'overall_owner' : i <= 4 ? 'module_owner' : 'executor';
        const group = i === 0 ? '市场部' : GROUPS[i % GROUPS.length]!;
        const reportsTo = i === 0 ? null : i <= 4 ? peopleIds[0]! : peopleIds[1 + (i % 4)]!;
        person.run(id, projectId, `${SURNAMES[i]}${GIVEN[i]}`, role, group, reportsTo, i, stamp, stamp);
      });
      db.prepare('UPDATE projects SET owner_id = ? WHERE id = ?').run(peopleIds[0], projectId);
      const mod = db.prepare(
        `INSERT INTO modules (id, project_id, name, owner_id, milestone, summary, position, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      moduleIds.forEach((id, i) =>
        mod.run(
          id,
          projectId,
          MODULES[i],
          peopleIds[1 + (i % 4)],
          '11月11日零点开售',
          '按计划推进',
          i,
          stamp,
          stamp,
        ),
      );
      const task = db.prepare(
        `INSERT INTO tasks (id, project_id, code, name, deliverable, owner_id, start_date, end_date, budget_fen,
                            manpower, tools, criteria, progress, notes, module_id, parent_id, milestone, blocked,
                            position, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const link = db.prepare('INSERT INTO task_links (predecessor_id, successor_id) VALUES (?, ?)');
      for (let p = 0; p < size; p++) {
        const inBlock = p % 10;
        const block = p - inBlock;
        // Outline: the first of each ten is a top-level task; 1–4 and 8–9 its children; 5 a child
        // with 6–7 as its own children (three levels).
        const parent =
          inBlock === 0 ? null : inBlock === 6 || inBlock === 7 ? taskIds[block + 5]! : taskIds[block]!;
        const object = OBJECTS[(block / 10) % OBJECTS.length]!;
        const startDay = Math.floor(rnd() * 110);
        const length = Math.floor(rnd() * 21);
        task.run(
          taskIds[p],
          projectId,
          taskCode(p + 1),
          inBlock === 0 ? `${object}(第${block / 10 + 1}批)` : `${pick(VERBS)}${object}`,
          `${object}初稿、终稿与数据回收`,
          peopleIds[(p * 7) % peopleIds.length],
          isoDay(base, startDay),
          isoDay(base, Math.min(121, startDay + length)),
          rnd() < 0.6 ? Math.floor(rnd() * 5_000_000) : null,
          `${1 + Math.floor(rnd() * 5)} 人`,
          pick(TOOLS),
          '按时上线,转化率≥3%',
          Math.floor(rnd() * 21) * 5,
          pick(NOTES),
          moduleIds[(block / 10) % moduleIds.length],
          parent,
          p % 50 === 9 ? 1 : 0,
          p % 37 === 0 ? 1 : 0,
          p,
          stamp,
          stamp,
        );
        // Predecessors: the sibling just above for a third of the tasks, a task of the previous
        // block for one in fifty. Always an earlier row, so never a loop.
        const predecessors: string[] = [];
        if (inBlock === 2 || inBlock === 4 || inBlock === 9) predecessors.push(taskIds[p - 1]!);
        if (p % 50 === 3 && p >= 10) predecessors.push(taskIds[p - 10]!);
        for (const before of predecessors) link.run(before, taskIds[p]);
        links += predecessors.length;
      }
      db.prepare("INSERT OR REPLACE INTO app_meta (key, value) VALUES ('demo_seeded', ?)").run(stamp);
    })(),
  );
  return { projectId, taskIds, peopleIds, moduleIds, links, seedMs };
}

export interface SeededTracking {
  metrics: number;
  actuals: number;
  spend: number;
  checkins: number;
  periods: number;
  snapshots: number;
  /** Time of the one seeding transaction, in ms. */
  seedMs: number;
}

/** The funnel first (stages 1–5), then channel × measure; [name, unit, kind, aggregation, direction, weekly value]. */
type MetricDef = [
  string,
  string,
  'count' | 'percent' | 'money',
  'sum' | 'last' | 'average',
  'higher' | 'lower',
  number,
];
const FUNNEL: MetricDef[] = [
  ['曝光量', '次', 'count', 'sum', 'higher', 2_000_000],
  ['点击量', '次', 'count', 'sum', 'higher', 80_000],
  ['加购数', '次', 'count', 'sum', 'higher', 12_000],
  ['下单数', '单', 'count', 'sum', 'higher', 4_000],
  ['支付订单数', '单', 'count', 'sum', 'higher', 3_500],
];
const CHANNELS = ['小红书', '抖音', '天猫', '京东', '线下快闪', '会员'];
const MEASURES: MetricDef[] = [
  ['曝光量', '次', 'count', 'sum', 'higher', 300_000],
  ['互动率', '%', 'percent', 'last', 'higher', 4.5],
  ['新增粉丝', '人', 'count', 'sum', 'higher', 2_000],
  ['转化率', '%', 'percent', 'average', 'higher', 3.2],
  ['客单价', '元', 'money', 'average', 'higher', 289],
  ['退货率', '%', 'percent', 'average', 'lower', 6],
  ['投放消耗', '元', 'money', 'sum', 'lower', 80_000],
];

/**
 * Step 三/四 data on a seeded plan: the campaign's year of weekly tracking. The project gets a
 * weekly cycle and starts 52 weeks before the current week; 50 metrics (the funnel 曝光→支付,
 * 支付GMV as the revenue metric, channel × measure; some on a module or a task, some goal-linked,
 * one without a target), each with 52 weekly values ending last week; 500 spend entries on tasks
 * and modules; a weekly tracking cycle with check-ins on 3 % of the tasks; and the last 13 weeks
 * as tracking periods (12 closed, each with its snapshot of Table 1's six modules, the current one
 * open). Prepared INSERTs in one transaction, deterministic for a given `today`.
 */
export function seedTracking(
  db: Database,
  plan: SeededProject,
  today: string,
  seed = 20261126,
): SeededTracking {
  const rnd = prng(seed);
  const stamp = new Date().toISOString();
  const day = (date: string) => Date.parse(`${date}T00:00:00Z`);
  const todayMs = day(today);
  const monday = todayMs - ((new Date(todayMs).getUTCDay() + 6) % 7) * DAY; // this week's Monday
  const firstWeek = monday - 52 * 7 * DAY;
  const counts = { metrics: 0, actuals: 0, spend: 0, checkins: 0, periods: 0, snapshots: 0 };

  const { ms: seedMs } = timed(() =>
    db.transaction(() => {
      db.prepare("UPDATE projects SET start_date = ?, tracking_cycle = 'week' WHERE id = ?").run(
        isoDay(firstWeek, 0),
        plan.projectId,
      );
      const metric = db.prepare(
        `INSERT INTO metrics (id, project_id, module_id, task_id, name, preset, unit, kind, direction, aggregation,
                              baseline_c, target_c, start_date, target_date, funnel_stage, goal_linked, position,
                              created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const actual = db.prepare(
        `INSERT INTO metric_actuals (id, metric_id, period_start, period_end, value_c, source, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const defs: { def: MetricDef; name: string; stage: number | null; preset: string | null }[] = [
        ...FUNNEL.map((def, i) => ({ def, name: def[0], stage: i + 1, preset: null })),
        {
          def: ['支付GMV', '元', 'money', 'sum', 'higher', 1_000_000],
          name: '支付GMV',
          stage: null,
          preset: 'revenue',
        },
      ];
      for (let i = 0; defs.length < 50; i++) {
        const def = MEASURES[i % MEASURES.length]!;
        defs.push({
          def,
          name: `${CHANNELS[Math.floor(i / MEASURES.length) % CHANNELS.length]}${def[0]}`,
          stage: null,
          preset: null,
        });
      }
      defs.forEach(({ def, name, stage, preset }, m) => {
        const [, unit, kind, aggregation, direction, weekly] = def;
        const weeklyC = Math.round(weekly * 100);
        const id = newId();
        const target =
          m === 49
            ? null
            : aggregation === 'sum'
              ? Math.round(weeklyC * 52 * (0.9 + rnd() * 0.3))
              : Math.round(weeklyC * (0.9 + rnd() * 0.3));
        metric.run(
          id,
          plan.projectId,
          m % 4 === 1 ? plan.moduleIds[m % plan.moduleIds.length]! : null,
          m % 4 !== 1 && m % 9 === 4 ? plan.taskIds[(m * 997) % plan.taskIds.length]! : null,
          name,
          preset,
          unit,
          kind,
          direction,
          aggregation,
          m % 3 === 0 ? Math.round(weeklyC / 2) : null,
          target,
          m % 8 === 7 ? isoDay(firstWeek, 28) : null,
          m % 10 === 9 ? null : isoDay(monday, 6),
          stage,
          m === 5 || m % 10 === 0 ? 1 : 0,
          m,
          stamp,
          stamp,
        );
        counts.metrics++;
        for (let w = 0; w < 52; w++) {
          const start = firstWeek + w * 7 * DAY;
          const value = Math.round(weeklyC * (0.6 + rnd() * 0.6) * (0.8 + (0.4 * w) / 52));
          actual.run(
            newId(),
            id,
            isoDay(start, 0),
            isoDay(start, 6),
            value,
            w % 5 ? '周报' : '',
            stamp,
            stamp,
          );
          counts.actuals++;
        }
      });

      const spend = db.prepare(
        `INSERT INTO spend_entries (id, project_id, module_id, task_id, spent_on, amount_fen, note, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const spendFrom = Date.UTC(2026, 8, 1);
      const spendDays = Math.max(1, Math.round((todayMs - spendFrom) / DAY));
      for (let i = 0; i < 500; i++) {
        const onModule = i % 5 === 0;
        spend.run(
          newId(),
          plan.projectId,
          onModule ? plan.moduleIds[i % plan.moduleIds.length]! : null,
          onModule ? null : plan.taskIds[Math.floor(rnd() * plan.taskIds.length)]!,
          isoDay(spendFrom, Math.floor(rnd() * spendDays)),
          100_000 + Math.floor(rnd() * 50_000_000),
          onModule ? '物料与场地' : '达人合作费',
          stamp,
          stamp,
        );
        counts.spend++;
      }

      // Weekly check-ins on 3 % of the tasks, from their start to today, a week missed now and then.
      const cycle = db.prepare("UPDATE tasks SET tracking_cycle = 'week' WHERE id = ?");
      const start = db.prepare('SELECT start_date FROM tasks WHERE id = ?').pluck();
      const checkin = db.prepare(
        `INSERT INTO task_checkins (id, task_id, checkin_date, progress, note, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      plan.taskIds.forEach((id, p) => {
        if (p % 33 !== 5) return;
        cycle.run(id);
        const from = start.get(id) as string | null;
        if (!from) return;
        for (let at = day(from), k = 0; at <= todayMs; at += 7 * DAY, k++) {
          if (rnd() < 0.2) continue;
          checkin.run(
            newId(),
            id,
            isoDay(at, 0),
            Math.min(100, k * 10),
            k % 3 ? '' : '按计划推进',
            stamp,
            stamp,
          );
          counts.checkins++;
        }
      });

      // The last 13 weeks as tracking periods: 12 closed with Table 1's snapshot, this week open.
      const period = db.prepare(
        `INSERT INTO tracking_periods (id, project_id, cycle, start_date, end_date, closed_at, progress_at_close,
                                       created_at, updated_at)
         VALUES (?, ?, 'week', ?, ?, ?, ?, ?, ?)`,
      );
      const snapshot = db.prepare(
        `INSERT INTO module_snapshots (period_id, module_id, name, owner_name, progress, progress_override, milestone,
                                       summary, issues, suggestions, result, position, created_at)
         VALUES (?, ?, ?, ?, ?, NULL, '11月11日零点开售', ?, ?, ?, '', ?, ?)`,
      );
      const modules = db
        .prepare('SELECT id, name FROM modules WHERE project_id = ? ORDER BY position')
        .all(plan.projectId) as { id: string; name: string }[];
      for (let w = 12; w >= 0; w--) {
        const from = monday - w * 7 * DAY;
        const closed = w > 0;
        const progress = Math.round((12 - w) * 3.4 * 10) / 10;
        const id = newId();
        const closedAt = closed ? new Date(from + 7 * DAY + 9 * 3_600_000).toISOString() : null;
        period.run(
          id,
          plan.projectId,
          isoDay(from, 0),
          isoDay(from, 6),
          closedAt,
          closed ? progress : null,
          stamp,
          stamp,
        );
        counts.periods++;
        if (!closed) continue;
        modules.forEach((m, i) => {
          snapshot.run(
            id,
            m.id,
            m.name,
            `${SURNAMES[1 + (i % 4)]}${GIVEN[1 + (i % 4)]}`,
            Math.min(100, progress + i * 2),
            `第${13 - w}周:按计划推进`,
            i % 3 === 0 ? '达人档期紧张' : '',
            i % 2 === 0 ? '提前锁定排期' : '',
            i,
            closedAt,
          );
          counts.snapshots++;
        });
      }
    })(),
  );
  return { ...counts, seedMs };
}
