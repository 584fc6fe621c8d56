/**
 * A small campaign written into a data folder before the app opens it, for the end-to-end tests
 * of steps 四/五 (not the demo's records): an overall owner and a module owner, the module
 * 社交媒体推广 with one task budgeted ¥40万, a strategy budget of ¥800万, and the metric 转化率
 * (target 5%) whose latest value is 3% — behind, so 概览 lists the gap.
 */
import { join } from 'node:path';
import { DATABASE_FILE } from '../../src-main/backend';
import { openDatabase } from '../../src-main/db/open';
import { createRouter } from '../../src-main/router';
import type { Channel } from '../../src-main/shared/channels';
import type { Input, Output } from '../../src-main/shared/contract';
import { todayIso } from '../../src-main/shared/values';

export const FOLLOW_UP_PROJECT = '秋季新品推广';

export interface FollowUpProject {
  projectId: string;
  ownerId: string;
  moduleOwnerId: string;
  moduleId: string;
  taskId: string;
  metricId: string;
}

const shift = (days: number) => todayIso(new Date(Date.now() + days * 86_400_000));

export function writeFollowUpProject(dataDir: string): FollowUpProject {
  const db = openDatabase({ file: join(dataDir, DATABASE_FILE) });
  try {
    const router = createRouter(db, { version: '0.0.0-test' });
    const ok = <C extends Channel>(channel: C, payload: Input<C>): Output<C> => {
      const result = router.invoke(channel, payload);
      if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
      return result.value as Output<C>;
    };
    const projectId = ok('projects.create', { name: FOLLOW_UP_PROJECT }).id;
    const ownerId = ok('people.create', { projectId, name: '王经理', role: 'overall_owner' }).id;
    const moduleOwnerId = ok('people.create', { projectId, name: '李主管', role: 'module_owner' }).id;
    ok('projects.update', {
      id: projectId,
      patch: {
        goal: '3个月内销量10万台，电商转化率达到5%',
        ownerId,
        start: shift(-30),
        end: shift(60),
        budgetFen: 800_000_000, // ¥800万
      },
    });
    const moduleId = ok('modules.create', {
      projectId,
      values: { name: '社交媒体推广', ownerId: moduleOwnerId, issues: '详情页跳失率高' },
    }).id;
    const taskId = ok('tasks.create', {
      projectId,
      values: { name: '直播带货', moduleId, ownerId: moduleOwnerId, budgetFen: 40_000_000 },
    }).id;
    const metricId = ok('metrics.create', {
      projectId,
      values: {
        name: '转化率',
        unit: '%',
        kind: 'percent',
        direction: 'higher',
        aggregation: 'last',
        baselineC: 500,
        targetC: 500,
        moduleId,
        cycle: 'week',
      },
    }).id;
    ok('actuals.upsert', { metricId, periodStart: shift(-6), periodEnd: todayIso(), valueC: 300 });
    return { projectId, ownerId, moduleOwnerId, moduleId, taskId, metricId };
  } finally {
    db.close();
  }
}
