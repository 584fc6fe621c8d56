/**
 * 已归档: an archived project is read-only on every channel that writes, refused as
 * conflict/archived with nothing changed; it still reads (lists, dashboard, retrospective,
 * export); un-archiving is one action that undo reverses.
 */
import { describe, expect, test, vi } from 'vitest';
import { READ_CHANNELS, type WriteChannel } from '../../src-main/routes';
import { createRouter } from '../../src-main/router';
import type { ProjectFileService } from '../../src-main/project-file/service';
import { CHANNELS } from '../../src-main/shared/channels';
import { logicalHash } from '../helpers/db';
import { openApp, type App } from '../helpers/app';
import { seedEveryTable } from '../helpers/project-files';

function archivedProject() {
  const app = openApp();
  const s = seedEveryTable(app);
  const ids = {
    actual: app.ok('actuals.list', { projectId: s.projectId })[0]!.id,
    spend: app.ok('spend.list', { projectId: s.projectId })[0]!.id,
    checkin: app.ok('checkins.list', { projectId: s.projectId })[0]!.id,
  };
  app.ok('projects.update', { id: s.projectId, patch: { status: 'archived' } });
  return { app, s, ids };
}

type Seeded = ReturnType<typeof archivedProject>;

/**
 * A valid payload for every write channel aimed at the archived project, or why the channel
 * writes no existing project (the type makes leaving a channel out a compile error).
 */
function writes({ s, ids }: Seeded): Record<WriteChannel, unknown> {
  const p = s.projectId;
  const sheet = {
    projectId: p,
    table: 'tasks',
    fileName: 'x.csv',
    base64: Buffer.from('任务名称\n新任务\n').toString('base64'),
  };
  return {
    'projects.rename': { id: p, name: '改名' },
    'projects.update': { id: p, patch: { goal: '新目标' } },
    'people.create': { projectId: p, name: '新人' },
    'people.update': { id: s.people.bob, patch: { name: 'Bobby' } },
    'people.delete': { id: s.people.bob },
    'modules.create': { projectId: p, values: { name: '新模块' } },
    'modules.update': { id: s.modules.social, patch: { summary: '改了' } },
    'modules.delete': { id: s.modules.offline },
    'tasks.create': { projectId: p, values: { name: '新任务' } },
    'tasks.update': { id: s.tasks.a, patch: { progress: 90 } },
    'tasks.delete': { ids: [s.tasks.c] },
    'tasks.move': { id: s.tasks.c, direction: 'up' },
    'tasks.indent': { id: s.tasks.c },
    'tasks.outdent': { id: s.tasks.b1 },
    'tasks.paste': { projectId: p, rows: [{ ref: 1, id: s.tasks.a, values: { name: '粘贴' } }] },
    'history.undo': { projectId: p }, // the last step archived and changed the goal: more than a status
    'history.redo': { projectId: p },
    'sheets.import': sheet,
    'metrics.create': { projectId: p, values: { name: '新指标' } },
    'metrics.update': { id: s.metrics.reach, patch: { targetC: 1 } },
    'metrics.delete': { id: s.metrics.reach },
    'actuals.upsert': {
      metricId: s.metrics.reach,
      periodStart: '2024-05-08',
      periodEnd: '2024-05-14',
      valueC: 1,
    },
    'actuals.delete': { id: ids.actual },
    'periods.open': { projectId: p, today: '2024-05-20' },
    'spend.create': { projectId: p, values: { date: '2024-05-09', amountFen: 1 } },
    'spend.update': { id: ids.spend, patch: { amountFen: 2 } },
    'spend.delete': { id: ids.spend },
    'checkins.create': { taskId: s.tasks.a, date: '2024-05-20', progress: 50 },
    'checkins.delete': { id: ids.checkin },
    'lessons.create': { projectId: p, values: { kind: 'success', text: '新经验' } },
    'lessons.update': { id: s.lessonId, patch: { text: '改了' } },
    'lessons.delete': { id: s.lessonId },
    'identity.match': { projectId: p, personId: s.people.bob },
    'feedbackSettings.update': { projectId: p, patch: { issueCategories: ['其他'] } },
    'issues.create': { projectId: p, values: { title: '新问题', reportedOn: '2024-05-20' } },
    'issues.update': { id: s.followUp.issue, patch: { status: 'closed' } },
    'issues.delete': { id: s.followUp.issue },
    'feedback.create': {
      projectId: p,
      values: { source: 'external', receivedOn: '2024-05-20', content: '新反馈' },
    },
    'feedback.update': { id: s.followUp.feedback, patch: { content: '改了' } },
    'feedback.delete': { id: s.followUp.feedback },
    'feedback.fromAttention': { projectId: p, key: `metric_behind:${s.metrics.reach}`, today: '2024-05-20' },
    'causes.create': { projectId: p, values: { title: '新根因' } },
    'causes.update': { id: s.followUp.cause, patch: { analysis: '改了' } },
    'causes.delete': { id: s.followUp.cause },
    'adjustments.create': { projectId: p, values: { title: '新调整' } },
    'adjustments.update': { id: s.followUp.adjustment, patch: { measures: '改了' } },
    'adjustments.delete': { id: s.followUp.adjustment },
    'adjustments.submit': { id: s.followUp.adjustment, today: '2024-05-20', comment: '' },
    'adjustments.approve': { id: s.followUp.adjustment, today: '2024-05-20', comment: '' },
    'adjustments.reject': { id: s.followUp.adjustment, today: '2024-05-20', comment: '不行' },
    'adjustments.apply': { id: s.followUp.adjustment, today: '2024-05-20', comment: '' },
    'adjustments.evaluate': { id: s.followUp.adjustment, today: '2024-05-20', actualValueC: 1 },
    'adjustments.confirmDecision': {
      id: s.followUp.adjustment,
      today: '2024-05-20',
      confirm: true,
      comment: '',
    },
    'projectFile.import': { token: 'staged', mode: 'merge' },
    // Writes that change no existing project: a new one, a whole database, a file, a deletion.
    'projects.create': 'new project',
    'projects.copyPlan': 'new project',
    'projects.delete': 'deletes the whole project, with its own confirmation',
    'identity.setName': "the installation's own name, part of no project",
    'projectFile.export': 'writes a file',
    'projectFile.open': 'reads a file',
    'projectFile.discard': 'forgets a file',
    'backups.create': 'writes a backup',
    'backups.restore': 'replaces the database',
  };
}

/** A router whose project-file service holds a staged copy of `pid` (a merge would write it). */
function routerWithStagedCopy(app: App, pid: string) {
  const importCalls = vi.fn();
  const files = { stagedProjectId: () => pid, import: importCalls } as unknown as ProjectFileService;
  return {
    router: createRouter(app.db, { version: 't', projectFiles: files, logError: vi.fn() }),
    importCalls,
  };
}

describe('an archived project refuses every write', () => {
  test('each write channel: conflict/archived, the file unchanged', async () => {
    const seeded = archivedProject();
    const { app, s } = seeded;
    const all = writes(seeded);
    // Every channel is either a read or listed here.
    expect(new Set([...READ_CHANNELS, ...Object.keys(all)])).toEqual(new Set(CHANNELS));
    // Archived together with another change: undoing that step is more than un-archiving.
    app.ok('projects.update', { id: s.projectId, patch: { status: 'active' } });
    app.ok('projects.update', { id: s.projectId, patch: { status: 'archived', goal: '已结束' } });
    expect(app.ok('projects.get', { id: s.projectId }).status).toBe('archived');
    const { router, importCalls } = routerWithStagedCopy(app, s.projectId);
    const before = logicalHash(app.file);
    let refused = 0;
    for (const [channel, payload] of Object.entries(all)) {
      if (typeof payload === 'string') continue;
      const result = await router.invokeAsync(channel, payload);
      expect(result, channel).toEqual({
        ok: false,
        error: { code: 'conflict', reason: 'archived', params: { projectId: s.projectId } },
      });
      refused++;
    }
    expect(refused).toBe(54);
    expect(importCalls).not.toHaveBeenCalled();
    expect(logicalHash(app.file)).toBe(before);
  });

  test('it still reads: lists, dashboard, retrospective, lessons, snapshot, spreadsheet export', async () => {
    const { app, s } = archivedProject();
    const p = s.projectId;
    expect(app.ok('tasks.list', { projectId: p })).toHaveLength(5);
    expect(app.ok('lessons.list', { projectId: p })).toHaveLength(1);
    expect(app.ok('dashboard.get', { projectId: p, today: '2024-06-01' }).metrics).toHaveLength(2);
    expect(app.ok('retro.get', { projectId: p, today: '2024-07-01' }).asOf).toBe('2024-06-30');
    expect(app.ok('lessons.search', { tag: '线下快闪' })).toHaveLength(1);
    const sheet = await app.router.invokeAsync('sheets.export', {
      projectId: p,
      table: 'tasks',
      format: 'csv',
      language: 'zh-CN',
    });
    expect(sheet.ok).toBe(true);
  });

  test('un-archiving is one action; undo archives again, redo un-archives', () => {
    const { app, s } = archivedProject();
    const p = s.projectId;
    // Changing the status together with anything else is still an edit of an archived project.
    expect(app.fail('projects.update', { id: p, patch: { status: 'done', goal: 'x' } })).toMatchObject({
      code: 'conflict',
      reason: 'archived',
    });
    app.ok('projects.update', { id: p, patch: { status: 'done' } });
    app.ok('tasks.update', { id: s.tasks.a, patch: { progress: 100 } }); // writable again
    app.ok('history.undo', { projectId: p }); // the progress
    app.ok('history.undo', { projectId: p }); // the un-archiving
    expect(app.ok('projects.get', { id: p }).status).toBe('archived');
    expect(app.fail('tasks.update', { id: s.tasks.a, patch: { progress: 10 } })).toMatchObject({
      reason: 'archived',
    });
    app.ok('history.redo', { projectId: p }); // un-archived again
    expect(app.ok('projects.get', { id: p }).status).toBe('done');
    // The next redo (the progress edit) is an ordinary write to a project no longer archived.
    app.ok('history.redo', { projectId: p });
  });

  test('another project stays writable, and a new one copied from the archived one is not archived', () => {
    const { app, s } = archivedProject();
    const other = app.ok('projects.create', { name: '另一个' }).id;
    app.ok('tasks.create', { projectId: other, values: { name: '可以写' } });
    const copy = app.ok('projects.copyPlan', {
      sourceId: s.projectId,
      name: '2025夏季',
      start: '2025-05-01',
    });
    expect(copy.status).toBe('planning');
    app.ok('tasks.create', { projectId: copy.id, values: { name: '新计划的任务' } });
  });
});
