/**
 * The renderer's store against a fake main process (fake-api.ts): the optimistic edit and its
 * rollback, change sets applied in one place (unchanged rows keep their identity, removes,
 * roll-up rows, undo labels, the sidebar), no follow-up call when a change set came, and the
 * refetch as before when an answer carries none.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeSet } from '../../../src-main/shared/changes';
import type { Task } from '../../../src-main/shared/domain';
import { TASK_ROW_FIELDS, type TaskRows } from '../../../src-main/shared/task-rows';
import type { Metric } from '../../../src-main/shared/tracking';
import {
  deferred,
  installFakeApi,
  module,
  person,
  project,
  PROJECT_ID,
  summary,
  task,
  type FakeApi,
} from './fake-api';

const api: FakeApi = installFakeApi();
// The store reads the browser's storage when it is made: import it after the fakes are in place.
let store: typeof import('../../../src-renderer/store');
let planSlice: typeof import('../../../src-renderer/store/plan-slice');
beforeAll(async () => {
  store = await import('../../../src-renderer/store');
  planSlice = await import('../../../src-renderer/store/plan-slice');
});

const T = (n: number) => `01900000-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`;
const M = (n: number) => `01900000-0000-7000-8000-0000000002${String(n).padStart(2, '0')}`;
const P = (n: number) => `01900000-0000-7000-8000-0000000003${String(n).padStart(2, '0')}`;
const state = () => store.useStore.getState();
/** Lets answers, listeners and the refetches they start run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A plan: a parent task with two sub-tasks, and a task on its own; two modules; one person. */
function openPlan(over: { tab?: 'tasks' | 'overview' | 'metrics' | 'feedback' } = {}) {
  const tasks = [
    task(T(1), 0, { moduleId: M(1) }),
    task(T(2), 1, { moduleId: M(1), parentId: T(1) }),
    task(T(3), 2, { moduleId: M(1), parentId: T(1) }),
    task(T(4), 3, { moduleId: M(2) }),
  ];
  store.useStore.setState({
    projects: [summary(), summary({ id: 'other', name: '双11大促' })],
    selectedId: PROJECT_ID,
    plan: {
      project: project(),
      people: [person(P(1), 0)],
      modules: [module(M(1), 0), module(M(2), 1)],
      tasks,
    },
    history: { undo: null, redo: null },
    cellErrors: {},
    pending: {},
    notice: null,
    metricsData: null,
    metricsStale: [],
    followUp: null,
    tab: over.tab ?? 'tasks',
  });
  return state().plan!;
}

/** tasks.list's answer as the main process sends it: rows of values (shared/task-rows.ts). */
function onTheWire(tasks: Task[]): TaskRows {
  return {
    projectId: tasks[0]?.projectId ?? 'p',
    fields: [...TASK_ROW_FIELDS],
    rows: tasks.map((t) =>
      TASK_ROW_FIELDS.map((f) => (f === 'milestone' || f === 'blocked' ? (t[f] ? 1 : 0) : t[f])),
    ),
  };
}

/** What the follow-up calls of a write without a change set would read. */
function answerReads() {
  const plan = state().plan!;
  api.on('modules.list', () => ({ value: plan.modules }));
  api.on('tasks.list', () => ({ value: onTheWire(plan.tasks) }));
  api.on('people.list', () => ({ value: plan.people }));
  api.on('projects.get', () => ({ value: plan.project }));
  api.on('projects.list', () => ({ value: state().projects }));
  api.on('history.state', () => ({ value: { undo: 'tasks.update', redo: null } }));
  api.on('dashboard.get', () => ({ value: null }));
}

const READS = ['modules.list', 'tasks.list', 'people.list', 'projects.get', 'projects.list', 'history.state'];
const reads = () =>
  api.calls.filter((c) => READS.includes(c) || c.endsWith('.list') || c === 'dashboard.get');

beforeEach(() => {
  api.reset();
});

describe('the optimistic edit', () => {
  it('shows the typed value at once, marked pending, then the row as stored', async () => {
    openPlan();
    const answer = deferred();
    api.on('tasks.update', () => answer.answer);
    const edit = state().editTask(T(4), { name: '  新名字 ' });

    const shown = state().plan!.tasks.find((t) => t.id === T(4))!;
    expect(shown.name).toBe('  新名字 ');
    expect(state().pending[planSlice.cellKey(T(4), 'name')]).toBe(true);

    const stored = task(T(4), 3, { moduleId: M(2), name: '新名字', updatedAt: '2024-05-02T00:00:00.000Z' });
    answer.release({
      value: stored,
      changes: { projectId: PROJECT_ID, tables: ['tasks'], tasks: { upsert: [stored], remove: [] } },
    });
    const outcome = await edit;

    expect(outcome).toEqual({ ok: true, value: stored });
    expect(state().plan!.tasks.find((t) => t.id === T(4))).toEqual(stored);
    expect(state().pending).toEqual({});
  });

  it('the stored row and the end of its pending mark are drawn in one render', async () => {
    openPlan();
    const answer = deferred();
    api.on('tasks.update', () => answer.answer);
    const edit = state().editTask(T(4), { tools: '工具A' });
    const key = planSlice.cellKey(T(4), 'tools');
    expect(state().pending[key]).toBe(true);
    // React draws the store's updates of one task in one render, in a microtask after the first:
    // note each update and whether that microtask has run yet.
    const seen: { tools: string | undefined; pending: boolean; late: boolean }[] = [];
    let late = false;
    const stop = store.useStore.subscribe((s) => {
      if (seen.length === 0) queueMicrotask(() => (late = true));
      seen.push({ tools: s.plan!.tasks.find((t) => t.id === T(4))?.tools, pending: !!s.pending[key], late });
    });
    const stored = task(T(4), 3, { moduleId: M(2), tools: '工具A', updatedAt: '2024-05-02T00:00:00.000Z' });
    answer.release({
      value: stored,
      changes: { projectId: PROJECT_ID, tables: ['tasks'], tasks: { upsert: [stored], remove: [] } },
    });
    expect((await edit).ok).toBe(true);
    stop();
    expect(state().plan!.tasks.find((t) => t.id === T(4))).toEqual(stored);
    expect(state().pending).toEqual({});
    // Nothing after the first render: the stored row and the mark's end came with it.
    expect(seen.filter((x) => x.late)).toEqual([]);
    expect(seen.at(-1)).toEqual({ tools: '工具A', pending: false, late: false });
  });

  it('rolls back to the stored row, with the reason at the cell and in the banner', async () => {
    const before = openPlan().tasks[1]!;
    const error = { code: 'invalid_input' as const, reason: 'end_before_start', path: ['patch', 'end'] };
    api.on('tasks.update', () => ({ error }));

    const outcome = await state().editTask(T(2), { end: '2024-04-01' });

    expect(outcome).toEqual({ ok: false, error });
    // The very row object it was before the edit, not a copy.
    expect(state().plan!.tasks[1]).toBe(before);
    expect(state().cellErrors[planSlice.cellKey(T(2), 'end')]).toEqual(error);
    expect(state().pending).toEqual({});
    expect(state().notice).toEqual({ error, entity: 'task', label: 'M002' });
    expect(api.calls).toEqual(['tasks.update']);
  });

  it('a later stored edit of the row clears the marks of its refused cells', async () => {
    openPlan();
    api.on('tasks.update', () => ({ error: { code: 'invalid_input', reason: 'end_before_start' } }));
    await state().editTask(T(2), { end: '2024-04-01' });
    expect(Object.keys(state().cellErrors)).toEqual([planSlice.cellKey(T(2), 'end')]);

    const stored = task(T(2), 1, { moduleId: M(1), parentId: T(1), start: '2024-03-01' });
    api.on('tasks.update', () => ({
      value: stored,
      changes: { projectId: PROJECT_ID, tables: ['tasks'], tasks: { upsert: [stored], remove: [] } },
    }));
    expect((await state().editTask(T(2), { start: '2024-03-01' })).ok).toBe(true);
    expect(state().cellErrors).toEqual({});
  });
});

describe('a change set applied by the store', () => {
  it('puts the edited row and its roll-ups in place, keeps every other row object, sets the undo label', async () => {
    const plan = openPlan();
    const [parent, , sibling, alone] = plan.tasks;
    const [m1, m2] = plan.modules;
    const person1 = plan.people[0];
    const projectBefore = plan.project;
    const otherProject = state().projects[1];

    // Sub-task T2 done: its parent's progress and module 1's roll-up move with it (weighted by
    // duration, both sub-tasks 10 days: (100 + 0) / 2 = 50), and the sidebar's progress too.
    const stored = task(T(2), 1, { moduleId: M(1), parentId: T(1), progress: 100 });
    const changes: ChangeSet = {
      projectId: PROJECT_ID,
      tables: ['tasks', 'history'],
      tasks: { upsert: [stored, task(T(1), 0, { moduleId: M(1), progress: 50 })], remove: [] },
      modules: { upsert: [module(M(1), 0, { progress: 50 })], remove: [] },
      projects: { upsert: [summary({ progress: 50 / 2 })], remove: [] },
      history: { undo: 'tasks.update', redo: null },
    };
    api.on('tasks.update', () => ({ value: stored, changes }));

    const outcome = await state().editTask(T(2), { progress: 100 });
    await settle();

    expect(outcome.ok).toBe(true);
    const now = state().plan!;
    expect(now.tasks.map((t) => [t.id, t.progress])).toEqual([
      [T(1), 50],
      [T(2), 100],
      [T(3), 0],
      [T(4), 0],
    ]);
    expect(now.tasks[0]).not.toBe(parent);
    expect(now.tasks[2]).toBe(sibling);
    expect(now.tasks[3]).toBe(alone);
    expect(now.modules[0]).not.toBe(m1);
    expect(now.modules[0]!.progress).toBe(50);
    expect(now.modules[1]).toBe(m2);
    expect(now.people[0]).toBe(person1);
    expect(now.project).toBe(projectBefore);
    expect(state().history).toEqual({ undo: 'tasks.update', redo: null });
    expect(state().projects[0]!.progress).toBe(25);
    expect(state().projects[1]).toBe(otherProject);
    // No follow-up call: one round trip for one committed cell.
    expect(api.calls).toEqual(['tasks.update']);
  });

  it('takes removed rows out (sub-tasks with their parent) and keeps the rest in order', async () => {
    const plan = openPlan();
    const alone = plan.tasks[3];
    api.on('tasks.delete', () => ({
      value: { ids: [T(1)] },
      changes: {
        projectId: PROJECT_ID,
        tables: ['tasks', 'task_links', 'history'],
        tasks: { upsert: [], remove: [T(1), T(2), T(3)] },
        modules: { upsert: [module(M(1), 0, { progress: 0 })], remove: [] },
        history: { undo: 'tasks.delete', redo: null },
      },
    }));

    const outcome = await state().deleteTasks([T(1)]);
    await settle();

    expect(outcome).toEqual({ ok: true, value: { ids: [T(1)] } });
    expect(state().plan!.tasks).toEqual([alone]);
    expect(state().plan!.tasks[0]).toBe(alone);
    expect(state().history.undo).toBe('tasks.delete');
    expect(api.calls).toEqual(['tasks.delete']);
  });

  it('places an added row by position, the rows below it moved down', async () => {
    const plan = openPlan();
    const [first, second] = plan.tasks;
    const added = task(T(9), 2, { moduleId: M(1), parentId: T(1), code: 'M005', name: '新任务' });
    api.on('tasks.create', () => ({
      value: added,
      changes: {
        projectId: PROJECT_ID,
        tables: ['tasks'],
        // The rows below shift by one; the answer carries them with their new positions.
        tasks: {
          upsert: [
            added,
            task(T(3), 3, { moduleId: M(1), parentId: T(1) }),
            task(T(4), 4, { moduleId: M(2) }),
          ],
          remove: [],
        },
      },
    }));

    const outcome = await state().addTask(T(2), '新任务');

    expect(outcome.ok && outcome.value.id).toBe(T(9));
    expect(state().plan!.tasks.map((t) => t.id)).toEqual([T(1), T(2), T(9), T(3), T(4)]);
    expect(state().plan!.tasks[0]).toBe(first);
    expect(state().plan!.tasks[1]).toBe(second);
    expect(api.calls).toEqual(['tasks.create']);
  });

  it('re-sorts when a move changes positions, as tasks.list orders them', async () => {
    openPlan();
    api.on('tasks.move', () => ({
      value: [],
      changes: {
        projectId: PROJECT_ID,
        tables: ['tasks'],
        tasks: {
          upsert: [
            task(T(4), 0, { moduleId: M(2) }),
            task(T(1), 1, { moduleId: M(1) }),
            task(T(2), 2, { moduleId: M(1), parentId: T(1) }),
            task(T(3), 3, { moduleId: M(1), parentId: T(1) }),
          ],
          remove: [],
        },
      },
    }));
    expect((await state().reshapeTask(T(4), 'up')).ok).toBe(true);
    expect(state().plan!.tasks.map((t) => t.id)).toEqual([T(4), T(1), T(2), T(3)]);
  });

  it('applies an undo: rows restored, both labels set, nothing read again', async () => {
    openPlan();
    const restored = task(T(4), 3, { moduleId: M(2), name: '原来的名字' });
    api.on('history.undo', () => ({
      value: { undo: null, redo: 'tasks.update' },
      changes: {
        projectId: PROJECT_ID,
        tables: ['tasks', 'history'],
        tasks: { upsert: [restored], remove: [] },
        history: { undo: null, redo: 'tasks.update' },
      },
    }));
    const outcome = await state().undo();
    expect(outcome).toEqual({ ok: true, value: { undo: null, redo: 'tasks.update' } });
    expect(state().plan!.tasks[3]).toEqual(restored);
    expect(state().history).toEqual({ undo: null, redo: 'tasks.update' });
    expect(api.calls).toEqual(['history.undo']);
  });

  it("leaves the open plan alone for another project's change set, but updates the sidebar", async () => {
    const plan = openPlan();
    const changes: ChangeSet = {
      projectId: 'other',
      tables: ['tasks'],
      tasks: { upsert: [task(T(1), 0, { projectId: 'other', name: '别的' })], remove: [] },
      projects: { upsert: [summary({ id: 'other', name: '双11大促', taskCount: 9 })], remove: [] },
      history: { undo: 'tasks.update', redo: null },
    };
    store.useStore.setState({});
    const { applyChanges } = await import('../../../src-renderer/store/apply-changes');
    await applyChanges(store.useStore, changes);
    expect(state().plan).toBe(plan);
    expect(state().history).toEqual({ undo: null, redo: null });
    expect(state().projects[1]!.taskCount).toBe(9);
  });

  it('a new project appears last in the sidebar and opens', async () => {
    openPlan();
    const created = project({ id: 'new', name: '周年庆' });
    api.on('projects.create', () => ({
      value: created,
      changes: {
        projectId: 'new',
        tables: ['projects'],
        projects: { upsert: [summary({ id: 'new', name: '周年庆', taskCount: 0 })], remove: [] },
      },
    }));
    api.on('projects.get', () => ({ value: created }));
    api.on('people.list', () => ({ value: [] }));
    api.on('modules.list', () => ({ value: [] }));
    api.on('tasks.list', () => ({ value: onTheWire([]) }));
    api.on('history.state', () => ({ value: { undo: null, redo: null } }));

    const outcome = await state().createProject('周年庆');
    await settle();

    expect(outcome.ok).toBe(true);
    expect(state().projects.map((p) => p.name)).toEqual(['2024夏季新品推广', '双11大促', '周年庆']);
    expect(state().selectedId).toBe('new');
    // The sidebar is not read again; the new project's plan is (it is opened).
    expect(api.calls).not.toContain('projects.list');
  });
});

describe('lists a change set names but does not carry', () => {
  const metric = (over: Partial<Metric> = {}) =>
    ({ id: 'm1', projectId: PROJECT_ID, name: '曝光量', targetC: 100, ...over }) as unknown as Metric;

  function withMetricsData() {
    store.useStore.setState({
      metricsData: {
        projectId: PROJECT_ID,
        metrics: [metric()],
        actuals: [],
        periods: [],
        spend: [],
        checkins: [],
        dashboard: null,
      },
    });
    api.on('metrics.list', () => ({ value: [metric({ targetC: 200 })] }));
    api.on('checkins.list', () => ({ value: [{ id: 'c1' }] }));
    api.on('dashboard.get', () => ({ value: { kpis: {} } }));
  }

  it('refetches only the lists the open tab shows, and the others when their tab opens', async () => {
    openPlan({ tab: 'tasks' });
    withMetricsData();
    const stored = task(T(4), 3, { moduleId: M(2), progress: 40 });
    api.on('checkins.create', () => ({
      value: { id: 'c1' },
      changes: {
        projectId: PROJECT_ID,
        tables: ['task_checkins', 'tasks'],
        tasks: { upsert: [stored], remove: [] },
        history: { undo: 'checkins.create', redo: null },
      },
    }));

    expect((await state().checkIn(T(4), 40, '')).ok).toBe(true);
    await settle();

    // Table 2 shows neither the check-ins nor the dashboard: nothing read, both marked stale.
    expect(api.calls).toEqual(['checkins.create']);
    expect(state().plan!.tasks[3]).toEqual(stored);
    expect([...state().metricsStale].sort()).toEqual(['checkins', 'dashboard']);

    // 指标 shows the check-ins, not the dashboard; 概览 shows the dashboard.
    api.calls.length = 0;
    await state().ensureMetrics('metrics');
    expect(api.calls).toEqual(['checkins.list']);
    expect(state().metricsStale).toEqual(['dashboard']);
    await state().ensureMetrics('overview');
    expect(api.calls).toEqual(['checkins.list', 'dashboard.get']);
    expect(state().metricsStale).toEqual([]);
    expect(state().metricsData!.checkins).toEqual([{ id: 'c1' }]);
  });

  it('a metric edit on 指标 reads the metrics again before answering; the dashboard waits for 概览', async () => {
    openPlan({ tab: 'metrics' });
    withMetricsData();
    api.on('metrics.update', () => ({
      value: metric({ targetC: 200 }),
      changes: {
        projectId: PROJECT_ID,
        tables: ['metrics'],
        history: { undo: 'metrics.update', redo: null },
      },
    }));

    const outcome = await state().editMetric('m1', { targetC: 200 });

    expect(outcome.ok).toBe(true);
    expect(state().metricsData!.metrics[0]!.targetC).toBe(200);
    expect(api.calls).toEqual(['metrics.update', 'metrics.list']);
    expect(state().metricsStale).toEqual(['dashboard']);
    expect(state().history.undo).toBe('metrics.update');
  });

  it('steps 四/五 are read again once per write on their tab, not twice', async () => {
    openPlan({ tab: 'feedback' });
    const lists = ['issues', 'feedback', 'causes', 'adjustments'];
    for (const l of lists) api.on(`${l}.list`, () => ({ value: [] }));
    api.on('feedbackSettings.get', () => ({ value: {} }));
    api.on('identity.me', () => ({ value: { personId: null } }));
    api.on('feedback.summary', () => ({ value: {} }));
    api.on('identity.get', () => ({ value: { name: '我的电脑' } }));
    await state().loadFollowUp();
    api.calls.length = 0;
    api.on('issues.create', () => ({
      value: { id: 'i1', title: '物料延迟' },
      changes: { projectId: PROJECT_ID, tables: ['issues'], history: { undo: 'issues.create', redo: null } },
    }));

    const outcome = await state().createIssue({ title: '物料延迟' } as never);

    expect(outcome).toEqual({ ok: true, value: { id: 'i1', title: '物料延迟' } });
    expect(api.calls.filter((c) => c === 'issues.list')).toHaveLength(1);
    expect(api.calls).not.toContain('history.state');
    expect(state().history.undo).toBe('issues.create');
  });
  it('a paste too large to carry rows reads Table 2 again before it answers, and nothing else of the plan', async () => {
    openPlan();
    const all = [...state().plan!.tasks.map((t) => ({ ...t, name: `${t.name}*` }))];
    api.on('tasks.list', () => ({ value: onTheWire(all) }));
    api.on('tasks.paste', () => ({
      value: { updated: 4, created: [], tasks: onTheWire([]) },
      changes: {
        projectId: PROJECT_ID,
        tables: ['tasks', 'history'],
        modules: { upsert: [], remove: [] },
        history: { undo: 'tasks.paste', redo: null },
      },
    }));

    const outcome = await state().pasteTasks(
      all.map((t, i) => ({ ref: i + 1, id: t.id, values: { name: t.name } })),
    );

    expect(outcome.ok).toBe(true);
    expect(state().plan!.tasks.map((t) => t.name)).toEqual(['任务1*', '任务2*', '任务3*', '任务4*']);
    expect(api.calls).toEqual(['tasks.paste', 'tasks.list']);
    expect(state().history.undo).toBe('tasks.paste');
  });
});

describe('a paste answered with a change set', () => {
  it("shows the change set's rows, and its answer still reads the stored rows as tasks", async () => {
    openPlan();
    const before = state().plan!.tasks;
    const pasted = [
      { ...before[1]!, tools: '粘贴工具A', progress: 40 },
      { ...before[3]!, tools: '粘贴工具B' },
    ];
    const parent = { ...before[0]!, progress: 20 };
    api.on('tasks.paste', () => ({
      value: { updated: 2, created: [], tasks: onTheWire(pasted) },
      changes: {
        projectId: PROJECT_ID,
        tables: ['tasks', 'history'],
        tasks: { upsert: [...pasted, parent], remove: [] },
        history: { undo: 'tasks.paste', redo: null },
      },
    }));

    const outcome = await state().pasteTasks([
      { ref: 1, id: T(2), values: { tools: '粘贴工具A', progress: 40 } },
      { ref: 2, id: T(4), values: { tools: '粘贴工具B' } },
    ]);

    const tasks = state().plan!.tasks;
    expect(tasks.map((t) => t.tools)).toEqual([before[0]!.tools, '粘贴工具A', before[2]!.tools, '粘贴工具B']);
    expect(tasks[0]!.progress).toBe(20);
    expect(tasks[2]).toBe(before[2]); // untouched rows keep their identity
    expect(api.calls).toEqual(['tasks.paste']);
    if (!outcome.ok) throw new Error('paste refused');
    expect(outcome.value.updated).toBe(2);
    expect(outcome.value.tasks).toEqual(pasted);
    expect(outcome.value.tasks[0]!.milestone).toBe(false);
  });
});

describe('an answer without a change set (a main process that sends none)', () => {
  it('a committed cell reads the roll-ups, the undo state, the sidebar and the dashboard again', async () => {
    openPlan({ tab: 'overview' });
    store.useStore.setState({
      metricsData: {
        projectId: PROJECT_ID,
        metrics: [],
        actuals: [],
        periods: [],
        spend: [],
        checkins: [],
        dashboard: null,
      },
    });
    answerReads();
    const stored = task(T(4), 3, { moduleId: M(2), name: '新名字' });
    api.on('tasks.update', () => ({ value: stored }));

    const outcome = await state().editTask(T(4), { name: '新名字' });
    await settle();

    expect(outcome).toEqual({ ok: true, value: stored });
    expect(state().plan!.tasks[3]).toEqual(stored);
    expect(api.calls[0]).toBe('tasks.update');
    expect([...reads()].sort()).toEqual(['dashboard.get', 'history.state', 'modules.list', 'projects.list']);
    expect(state().history.undo).toBe('tasks.update');
  });

  it('adding a task reads the table again, in the stored order', async () => {
    openPlan();
    answerReads();
    const added = task(T(9), 4, { name: '新任务' });
    api.on('tasks.create', () => ({ value: added }));
    const all = [...state().plan!.tasks, added];
    api.on('tasks.list', () => ({ value: onTheWire(all) }));

    const outcome = await state().addTask(T(4), '新任务');

    expect(outcome.ok).toBe(true);
    expect(state().plan!.tasks.map((t) => t.id)).toEqual([T(1), T(2), T(3), T(4), T(9)]);
    expect(api.calls).toContain('tasks.list');
    expect(api.calls).toContain('modules.list');
  });

  it('a paste merges the stored rows and reads the modules again', async () => {
    openPlan();
    answerReads();
    const updated = task(T(4), 3, { moduleId: M(2), name: '粘贴的' });
    const created = task(T(9), 4, { name: '新行' });
    api.on('tasks.paste', () => ({
      value: { updated: 1, created: [T(9)], tasks: onTheWire([updated, created]) },
    }));

    const outcome = await state().pasteTasks([
      { ref: 1, id: T(4), values: { name: '粘贴的' } },
      { ref: 2, values: { name: '新行' } },
    ]);
    await settle();

    expect(outcome.ok).toBe(true);
    expect(state().plan!.tasks.map((t) => t.name)).toEqual(['任务1', '任务2', '任务3', '粘贴的', '新行']);
    expect(api.calls).toContain('modules.list');
  });
});

describe('one result shape for every action', () => {
  it('a refusal is { ok: false, error } with the code, whatever the slice', async () => {
    openPlan();
    const error = { code: 'conflict' as const, reason: 'owns_tasks' };
    api.on('people.delete', () => ({ error }));
    api.on('modules.delete', () => ({ error }));
    api.on('tasks.paste', () => ({ error }));
    api.on('projects.rename', () => ({ error }));
    expect(await state().deletePerson(P(1))).toEqual({ ok: false, error });
    expect(await state().deleteModule(M(1))).toEqual({ ok: false, error });
    expect(await state().pasteTasks([{ ref: 1, values: { name: 'x' } }])).toEqual({ ok: false, error });
    expect(await state().renameProject(PROJECT_ID, '新名')).toEqual({ ok: false, error });
  });

  it('an action without an open project sends nothing and says why', async () => {
    store.useStore.setState({ plan: null });
    const outcome = await state().addTask(null, 'x');
    expect(outcome.ok).toBe(false);
    expect(api.calls).toEqual([]);
  });
});
