/**
 * A campaign to test steps 四 and 五 on, built through the router as a user would.
 */
import type { App } from './app';

export const WAN = 1_000_000; // 1万元 in fen

/**
 * 2024夏季新品推广 with a 预算 of 800万: 王经理 owns it, 李内容 owns 社交媒体推广 (tasks 直播带货
 * 80万 and 种草笔记 120万: 200万 together), 转化率 target 5% with an actual of 3%.
 */
export function campaign(app: App) {
  const projectId = app.ok('projects.create', { name: '2024夏季新品推广' }).id;
  const boss = app.ok('people.create', { projectId, name: '王经理', role: 'overall_owner' }).id;
  const li = app.ok('people.create', { projectId, name: '李内容', role: 'module_owner' }).id;
  app.ok('projects.update', {
    id: projectId,
    patch: { ownerId: boss, start: '2024-05-01', end: '2024-07-31', budgetFen: 800 * WAN },
  });
  const social = app.ok('modules.create', { projectId, values: { name: '社交媒体推广', ownerId: li } }).id;
  const live = app.ok('tasks.create', {
    projectId,
    values: {
      name: '直播带货',
      ownerId: li,
      moduleId: social,
      budgetFen: 80 * WAN,
      start: '2024-05-10',
      end: '2024-07-20',
    },
  }).id;
  const notes = app.ok('tasks.create', {
    projectId,
    values: { name: '种草笔记', ownerId: li, moduleId: social, budgetFen: 120 * WAN },
  }).id;
  const conversion = app.ok('metrics.create', {
    projectId,
    values: {
      name: '转化率',
      kind: 'percent',
      aggregation: 'last',
      unit: '%',
      taskId: live,
      baselineC: 500,
      targetC: 500,
      targetDate: '2024-07-31',
    },
  }).id;
  app.ok('actuals.upsert', {
    metricId: conversion,
    periodStart: '2024-06-03',
    periodEnd: '2024-06-09',
    valueC: 300,
  });
  const sales = app.ok('metrics.create', {
    projectId,
    values: { name: '销量', unit: '台', targetC: 10_000_000, goalLinked: true, targetDate: '2024-07-31' },
  }).id;
  return { projectId, boss, li, social, live, notes, conversion, sales };
}
