/**
 * Valid project files to start from: a project with rows in every table, made through the
 * router as a user would, exported with the app's own writer; and an older-format file (schema
 * of an earlier migration) written by hand. Tests of the reader and the hostile-file corpus
 * derive their broken files from these.
 */
import Database from 'better-sqlite3';
import { migrate, openDatabase } from '../../src-main/db/open';
import { MIGRATIONS } from '../../src-main/db/migrations';
import {
  FILE_META,
  PROJECT_FILE_APPLICATION_ID,
  type ProjectBundle,
} from '../../src-main/project-file/format';
import { writeProjectFile } from '../../src-main/project-file/write';
import { PROJECT_TABLES } from '../../src-main/db/project-schema';
import { localReplica, setReplicaName } from '../../src-main/sync/versions';
import { createRouter } from '../../src-main/router';
import type { App } from './app';

/**
 * The app's router over a database file, for setup that outlives one test (a beforeAll):
 * unlike openApp it registers no cleanup, so the caller closes `db`.
 */
export function appOver(file: string): Pick<App, 'file' | 'db' | 'ok'> {
  const db = openDatabase({ file });
  const router = createRouter(db, { version: '0.0.0-test', logError: () => {} });
  return {
    file,
    db,
    ok(channel, payload) {
      const result = router.invoke(channel, payload);
      if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
      return result.value as never;
    },
  };
}

export interface SeededProject {
  projectId: string;
  people: { boss: string; alice: string; bob: string };
  modules: { social: string; offline: string };
  tasks: { a: string; b: string; b1: string; b2: string; c: string };
  metrics: { reach: string; conversion: string };
  periodIds: string[];
  lessonId: string;
  /** Steps 四 and 五: the issue, the gap recorded as 数据反馈, its root cause, the applied adjustment. */
  followUp: { issue: string; feedback: string; cause: string; adjustment: string };
}

/**
 * A project with at least one row in every table of PROJECT_TABLES (a closed tracking period
 * with its Table 1 snapshot included), plus versions from edits and a deletion (a tombstone).
 *   M001 A, M002 B (M003 B1, M004 B2), M005 C; B1 → B2 → C; A → C
 */
export function seedEveryTable(app: Pick<App, 'ok' | 'db'>, name = '2024夏季新品推广'): SeededProject {
  const projectId = app.ok('projects.create', { name }).id;
  const boss = app.ok('people.create', { projectId, name: '王经理', role: 'overall_owner' }).id;
  const alice = app.ok('people.create', {
    projectId,
    name: '李内容',
    role: 'module_owner',
    group: '内容组',
    reportsToId: boss,
  }).id;
  const bob = app.ok('people.create', { projectId, name: 'Bob', reportsToId: alice }).id;
  app.ok('projects.update', {
    id: projectId,
    patch: {
      goal: '6月30日前新品销量10万台',
      ownerId: boss,
      start: '2024-05-01',
      end: '2024-06-30',
      status: 'active',
      budgetFen: 50_000_000,
      trackingCycle: 'week',
    },
  });
  const social = app.ok('modules.create', { projectId, values: { name: '社交媒体推广', ownerId: alice } }).id;
  const offline = app.ok('modules.create', {
    projectId,
    values: { name: '线下地推活动', ownerId: bob, progressOverride: 40, issues: '物料延迟' },
  }).id;
  const task = (taskName: string, extra: Record<string, unknown> = {}) =>
    app.ok('tasks.create', {
      projectId,
      values: {
        name: taskName,
        ownerId: alice,
        moduleId: social,
        start: '2024-05-01',
        end: '2024-05-20',
        budgetFen: 800_050,
        notes: '依赖设计组排期',
        ...extra,
      },
    }).id;
  const a = task('小红书种草笔记', { trackingCycle: 'week', milestone: true });
  const b = task('抖音短视频', { ownerId: bob });
  const b1 = task('脚本', { parentId: b });
  const b2 = task('拍摄', { parentId: b, moduleId: offline });
  const c = task('上线复盘', { predecessorIds: [a] });
  app.ok('tasks.update', { id: b2, patch: { predecessorIds: [b1] } });
  app.ok('tasks.update', { id: c, patch: { predecessorIds: [a, b2], progress: 30, blocked: true } });
  const doomed = task('临时任务');
  app.ok('tasks.delete', { ids: [doomed] });

  const reach = app.ok('metrics.create', {
    projectId,
    values: { name: '曝光量', unit: '次', targetC: 100_000_000, goalLinked: true, funnelStage: 1 },
  }).id;
  const conversion = app.ok('metrics.create', {
    projectId,
    values: { name: '转化率', kind: 'percent', aggregation: 'last', moduleId: social, targetC: 500 },
  }).id;
  app.ok('actuals.upsert', {
    metricId: reach,
    periodStart: '2024-05-01',
    periodEnd: '2024-05-07',
    valueC: 12_345_600,
    source: '小红书后台',
  });
  app.ok('actuals.upsert', {
    metricId: conversion,
    periodStart: '2024-05-01',
    periodEnd: '2024-05-07',
    valueC: 320,
    note: '目标5%,实际3.2%',
  });
  const first = app.ok('periods.open', { projectId, today: '2024-05-01' }).id;
  const second = app.ok('periods.open', { projectId, today: '2024-05-08' }).id;
  app.ok('spend.create', { projectId, values: { date: '2024-05-03', amountFen: 120_000, taskId: a } });
  app.ok('spend.create', {
    projectId,
    values: { date: '2024-05-04', amountFen: 99, moduleId: offline, note: '快闪店物料' },
  });
  app.ok('checkins.create', { taskId: a, date: '2024-05-06', progress: 40, note: '进度正常' });
  const lesson = app.ok('lessons.create', {
    projectId,
    values: {
      kind: 'failure',
      text: '物料延迟拖慢地推',
      channel: '线下快闪',
      tactic: '地推',
      moduleId: offline,
    },
  }).id;

  // Steps 四 and 五: every column of their tables filled somewhere (the gap of the attention
  // list as 数据反馈, an adjustment approved, applied and evaluated).
  app.ok('identity.match', { projectId, personId: boss });
  app.ok('feedbackSettings.update', {
    projectId,
    patch: {
      issueCategories: ['资源不足', '流程卡点', '其他'],
      feedbackChannels: ['客户调研', '舆情监测'],
      causeCategories: ['素材吸引力不足', '预算'],
      majorRules: { budgetPct: 5 },
    },
  });
  const issue = app.ok('issues.create', {
    projectId,
    values: {
      title: '电商渠道转化率低于预期',
      reportedOn: '2024-05-06',
      reporterId: alice,
      moduleId: social,
      taskId: a,
      category: '流程卡点',
      impact: '销量落后',
      supportNeeded: '设计组支持',
      severity: 'high',
      ownerId: alice,
      dueDate: '2024-05-25',
      status: 'resolved',
      resolution: '详情页已重做',
      resolvedOn: '2024-05-20',
    },
  }).id;
  const gap = app.ok('feedback.fromAttention', {
    projectId,
    key: `metric_behind:${conversion}`,
    today: '2024-05-08',
    content: '转化率 目标5%,实际3.2%',
  }).feedback.id;
  app.ok('feedback.update', { id: gap, patch: { taskId: a } });
  const cause = app.ok('causes.create', {
    projectId,
    values: {
      title: '详情页卖点不突出',
      category: '素材吸引力不足',
      analysis: '五问',
      issueIds: [issue],
      feedbackIds: [gap],
    },
  }).id;
  const adjustment = app.ok('adjustments.create', {
    projectId,
    values: {
      title: '优化详情页,追加直播预算',
      moduleId: social,
      proposerId: alice,
      ownerId: alice,
      measures: '重做详情页',
      deadline: '2024-05-31',
      expectedMetricId: conversion,
      expectedValueC: 450,
      expectedBy: '2024-06-15',
      issueIds: [issue],
      feedbackIds: [gap],
      rootCauseIds: [cause],
      changes: [
        { kind: 'module_budget', moduleId: social, deltaFen: 5_000_000 },
        { kind: 'task_budget', taskId: b, deltaFen: -100 },
        { kind: 'task_dates', taskId: c, newStart: '2024-05-02', newEnd: '2024-05-25' },
        { kind: 'task_owner', taskId: b1, newOwnerId: bob },
        { kind: 'metric_target', metricId: conversion, newTargetC: 450 },
      ],
    },
  }).id;
  app.ok('adjustments.submit', { id: adjustment, today: '2024-05-09', comment: '请审批' });
  app.ok('adjustments.approve', { id: adjustment, today: '2024-05-10', comment: '同意' });
  app.ok('adjustments.apply', { id: adjustment, today: '2024-05-10' });
  app.ok('adjustments.evaluate', {
    id: adjustment,
    today: '2024-05-20',
    actualValueC: 430,
    note: '接近预期',
  });
  setReplicaName(app.db, '王经理的电脑');
  return {
    projectId,
    people: { boss, alice, bob },
    modules: { social, offline },
    tasks: { a, b, b1, b2, c },
    metrics: { reach, conversion },
    periodIds: [first, second],
    lessonId: lesson,
    followUp: { issue, feedback: gap, cause, adjustment },
  };
}

/** Exports a project of the app's database with the app's own writer. */
export function exportProject(app: Pick<App, 'db' | 'file'>, projectId: string, target: string): void {
  const me = localReplica(app.db);
  writeProjectFile({
    sourceFile: app.file,
    projectId,
    target,
    exporter: { id: me.id, name: me.name },
    appVersion: '0.0.0-test',
  });
}

/**
 * A project file written by hand rather than by the app's writer: the schema of migrations
 * 1…version, the rows of `bundle` that schema has columns for (with the merge versions from
 * version 5 on), and the file's meta. Older versions are files as an earlier app would have
 * written them; the options make legitimate variants of the container (text encoding, page
 * size, auto-vacuum) that the reader must accept as well.
 */
export function writeProjectFileByHand(
  bundle: ProjectBundle,
  target: string,
  options: {
    version?: number;
    encoding?: 'UTF-8' | 'UTF-16le' | 'UTF-16be';
    pageSize?: number;
    autoVacuum?: boolean;
  } = {},
): void {
  const version = options.version ?? MIGRATIONS.length;
  const db = new Database(target);
  try {
    // These three only take effect on a database that has nothing in it yet.
    if (options.encoding) db.pragma(`encoding = '${options.encoding}'`);
    if (options.pageSize) db.pragma(`page_size = ${options.pageSize}`);
    if (options.autoVacuum) db.pragma('auto_vacuum = FULL');
    migrate(db, MIGRATIONS.slice(0, version));
    db.pragma(`application_id = ${PROJECT_FILE_APPLICATION_ID}`);
    db.pragma('foreign_keys = OFF'); // rows come in table order; a project names its owner before people exist
    const insert = (table: string, rows: readonly object[]) => {
      const columns = new Set(
        db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[],
      );
      if (columns.size === 0) return; // a table of a later version
      for (const row of rows as Record<string, unknown>[]) {
        const kept = Object.keys(row).filter((c) => columns.has(c));
        db.prepare(
          `INSERT INTO ${table} (${kept.join(', ')}) VALUES (${kept.map(() => '?').join(', ')})`,
        ).run(...kept.map((c) => row[c]));
      }
    };
    db.transaction(() => {
      for (const table of PROJECT_TABLES) insert(table.name, bundle.tables[table.name] ?? []);
      if (version >= 5) {
        insert('field_versions', bundle.fieldVersions);
        insert('tombstones', bundle.tombstones);
        insert('version_vectors', bundle.versionVector);
      }
      const meta = db.prepare('INSERT INTO app_meta (key, value) VALUES (?, ?)');
      meta.run(FILE_META.kind, 'project');
      meta.run(FILE_META.projectId, bundle.info.projectId);
      meta.run(FILE_META.exportedAt, bundle.info.exportedAt);
      meta.run(FILE_META.exporterId, bundle.info.exporterId);
      meta.run(FILE_META.exporterName, bundle.info.exporterName);
      meta.run(FILE_META.appVersion, bundle.info.appVersion);
    })();
  } finally {
    db.close();
  }
}

/**
 * What the migrations after `version` added to the project's tables, as db/project-schema.ts
 * records it: their tables (children first) and the columns they added to older tables.
 */
function addedAfter(version: number) {
  const since = (t: (typeof PROJECT_TABLES)[number]) => t.since ?? 1;
  return {
    tables: PROJECT_TABLES.filter((t) => since(t) > version)
      .map((t) => t.name)
      .reverse(),
    columns: PROJECT_TABLES.filter((t) => since(t) <= version).map((t) => ({
      table: t.name,
      columns: Object.entries(t.columnsSince ?? {})
        .filter(([, v]) => v > version)
        .map(([c]) => c),
    })),
  };
}

/**
 * Turns a project file (or database) written by this version into one as the app at `version`
 * (5 or 4) wrote it: the tables and columns of later migrations dropped, user_version set. The
 * schema left is exactly what migrations 1…version make (the reader compares it).
 */
export function downgradeFile(file: string, version: 4 | 5): void {
  const db = new Database(file);
  try {
    db.pragma('foreign_keys = OFF');
    // The amount bounds of migration 8 name columns dropped below: they go first.
    const bounds = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_bound\\_%' ESCAPE '\\'",
      )
      .pluck()
      .all() as string[];
    for (const name of bounds) db.exec(`DROP TRIGGER ${name}`);
    const added = addedAfter(version);
    for (const table of added.tables) db.exec(`DROP TABLE ${table}`);
    for (const { table, columns } of added.columns) {
      for (const column of columns) db.exec(`ALTER TABLE ${table} DROP COLUMN ${column}`);
    }
    if (version === 4) {
      db.exec(
        'DROP TABLE field_versions; DROP TABLE tombstones; DROP TABLE version_vectors; DROP TABLE replica;',
      );
    }
    db.pragma(`user_version = ${version}`);
    db.exec('VACUUM');
  } finally {
    db.close();
  }
}
