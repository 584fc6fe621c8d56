/**
 * The first load asked for as the page starts (store/first-load.ts): the remembered project's
 * reads go out before the app has mounted, tasks.list first; the store's usual first load takes
 * those answers instead of asking again, opens the same project with the same rows, and words a
 * failure as before. A remembered project that is gone is dropped quietly and the first one
 * opens; a later load reads afresh.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TASK_ROW_FIELDS, type TaskRows } from '../../../src-main/shared/task-rows';
import type { Task } from '../../../src-main/shared/domain';
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
let store: typeof import('../../../src-renderer/store');
let firstLoad: typeof import('../../../src-renderer/store/first-load');
beforeAll(async () => {
  store = await import('../../../src-renderer/store');
  firstLoad = await import('../../../src-renderer/store/first-load');
});

const OTHER = '01900000-0000-7000-8000-000000000009';
const state = () => store.useStore.getState();
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const T = (n: number) => `01900000-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`;

function onTheWire(tasks: Task[], projectId = PROJECT_ID): TaskRows {
  return {
    projectId,
    fields: [...TASK_ROW_FIELDS],
    rows: tasks.map((t) =>
      TASK_ROW_FIELDS.map((f) => (f === 'milestone' || f === 'blocked' ? (t[f] ? 1 : 0) : t[f])),
    ),
  };
}

const tasks = [task(T(1), 0, { milestone: true }), task(T(2), 1, { parentId: T(1), progress: 40 })];

/** A main process holding the project and, with `other`, a second one. */
function answerPlans(other = false) {
  api.on('projects.list', () => ({
    value: other ? [summary(), summary({ id: OTHER, name: '双11大促' })] : [summary()],
  }));
  api.on('projects.get', (i) =>
    i.id === PROJECT_ID || (other && i.id === OTHER)
      ? { value: project({ id: i.id as string }) }
      : { error: { code: 'not_found' } },
  );
  api.on('people.list', () => ({ value: [person('01900000-0000-7000-8000-000000000301', 0)] }));
  api.on('modules.list', () => ({ value: [module('01900000-0000-7000-8000-000000000201', 0)] }));
  api.on('tasks.list', (i) =>
    i.projectId === PROJECT_ID || (other && i.projectId === OTHER)
      ? { value: onTheWire(i.projectId === PROJECT_ID ? tasks : [], i.projectId as string) }
      : { error: { code: 'not_found' } },
  );
  api.on('history.state', () => ({ value: { undo: null, redo: null } }));
}

beforeEach(() => {
  api.reset();
  sessionStorage.removeItem(firstLoad.SELECTED_KEY);
  sessionStorage.removeItem('project-tab');
  localStorage.removeItem('grid-columns:tasks');
  store.useStore.setState({
    projects: [],
    projectsLoaded: false,
    selectedId: null,
    plan: null,
    notice: null,
  });
});

describe('the first load, asked for at start', () => {
  it('asks for the remembered plan at once, tasks first, and the store takes those answers', async () => {
    answerPlans();
    sessionStorage.setItem(firstLoad.SELECTED_KEY, PROJECT_ID);
    firstLoad.startFirstLoad();
    expect(api.calls).toEqual(['tasks.list', 'projects.list', 'projects.get', 'people.list', 'modules.list']);
    await state().loadProjects();
    await settle();
    // Nothing read twice: only the undo state follows the plan.
    expect(api.calls.filter((c) => c !== 'history.state')).toHaveLength(5);
    expect(state().selectedId).toBe(PROJECT_ID);
    expect(state().plan?.project.id).toBe(PROJECT_ID);
    expect(state().plan?.tasks).toEqual(tasks);
    expect(state().plan?.tasks[0]!.milestone).toBe(true);
    expect(state().notice).toBeNull();
  });

  it('without a remembered project asks for the list only, then opens the first project', async () => {
    answerPlans();
    firstLoad.startFirstLoad();
    expect(api.calls).toEqual(['projects.list']);
    await state().loadProjects();
    await settle();
    expect(state().plan?.project.id).toBe(PROJECT_ID);
    expect(api.calls.filter((c) => c === 'projects.list')).toHaveLength(1);
    expect(api.calls.filter((c) => c === 'tasks.list')).toHaveLength(1);
  });

  it('drops the reads of a remembered project that is gone, quietly, and opens the first one', async () => {
    answerPlans(true);
    sessionStorage.setItem(firstLoad.SELECTED_KEY, '01900000-0000-7000-8000-0000000000ff');
    firstLoad.startFirstLoad();
    await state().loadProjects();
    await settle();
    expect(state().selectedId).toBe(PROJECT_ID);
    expect(state().plan?.project.id).toBe(PROJECT_ID);
    expect(state().plan?.tasks).toEqual(tasks);
    expect(state().notice).toBeNull();
    // The plan was read again for the project opened: two tasks.list, the gone one's and this one's.
    expect(api.calls.filter((c) => c === 'tasks.list')).toHaveLength(2);
  });

  it('a failure of an early read reaches the user as before', async () => {
    answerPlans();
    api.on('tasks.list', () => ({ error: { code: 'internal', reason: 'transport' } }));
    sessionStorage.setItem(firstLoad.SELECTED_KEY, PROJECT_ID);
    firstLoad.startFirstLoad();
    await state().loadProjects();
    await settle();
    expect(state().plan).toBeNull();
    expect(state().notice).toEqual({ error: { code: 'internal', reason: 'transport' }, entity: 'project' });
  });

  it('a database that cannot be opened is shown as before, the early plan left aside', async () => {
    answerPlans();
    for (const channel of ['projects.list', 'projects.get', 'people.list', 'modules.list', 'tasks.list'])
      api.on(channel, () => ({ error: { code: 'db_too_new' } }));
    sessionStorage.setItem(firstLoad.SELECTED_KEY, PROJECT_ID);
    firstLoad.startFirstLoad();
    await state().loadProjects();
    await settle();
    expect(state().fatal).toEqual({ code: 'db_too_new' });
    expect(state().notice).toBeNull();
    store.useStore.setState({ fatal: null });
  });

  it('answers are taken once: a later load reads the list and the plan again', async () => {
    answerPlans(true);
    sessionStorage.setItem(firstLoad.SELECTED_KEY, PROJECT_ID);
    firstLoad.startFirstLoad();
    await state().loadProjects();
    await settle();
    api.calls.length = 0;
    await state().loadProjects();
    await state().loadPlan(PROJECT_ID);
    await settle();
    expect(api.calls).toContain('projects.list');
    expect(api.calls).toContain('tasks.list');
    state().selectProject(OTHER);
    await settle();
    await settle();
    expect(state().plan?.project.id).toBe(OTHER);
    expect(state().plan?.tasks).toEqual([]);
  });
});

describe('Table 2 opened on its first rows, the rest read once they are painted', () => {
  // FIRST_ROWS + 3 tasks in blocks of three (a parent and two sub-tasks): the main process answers
  // `first` with the first FIRST_ROWS rows (a whole number of blocks), the whole table without.
  const id = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;
  let six: Task[] = [];
  let FIRST = 0;
  /** The main process: the first rows for `first`, the whole table else (`whole` when given). */
  function answerInParts(whole?: Promise<{ value: TaskRows }>) {
    FIRST = firstLoad.FIRST_ROWS;
    expect(FIRST % 3).toBe(0);
    six = Array.from({ length: FIRST + 3 }, (_, i) =>
      task(
        id(i + 1),
        i,
        i % 3 === 0 ? { progress: 0 } : { parentId: id(i - (i % 3) + 1), progress: 10 * (i % 3) },
      ),
    );
    answerPlans();
    const asked: Record<string, unknown>[] = [];
    api.on('tasks.list', (i) => {
      asked.push(i);
      if (i.first !== undefined) return { value: onTheWire(six.slice(0, FIRST)) };
      return whole ?? { value: onTheWire(six) };
    });
    return asked;
  }
  const openOnTable2 = () => {
    sessionStorage.setItem(firstLoad.SELECTED_KEY, PROJECT_ID);
    sessionStorage.setItem('project-tab', 'tasks');
  };

  it('asks for the first rows first and the whole table last; shows them, then every row', async () => {
    const asked = answerInParts();
    openOnTable2();
    let codeLoaded!: () => void;
    firstLoad.startFirstLoad(new Promise<void>((resolve) => (codeLoaded = resolve)));
    expect(api.calls).toEqual(['tasks.list', 'projects.list', 'projects.get', 'people.list', 'modules.list']);
    // The whole table once the app's code is here.
    await settle();
    expect(api.calls).toHaveLength(5);
    codeLoaded();
    await settle();
    expect(api.calls).toHaveLength(6);
    expect(api.calls[5]).toBe('tasks.list');
    expect(asked).toEqual([
      { projectId: PROJECT_ID, first: firstLoad.FIRST_ROWS },
      { projectId: PROJECT_ID },
    ]);
    await state().loadProjects();
    await settle();
    expect(state().plan?.tasks).toEqual(six.slice(0, FIRST));
    expect(state().tasksPartial).toBe(true);
    const shownFirst = state().plan!.tasks;
    // The whole answer waits until Table 2 has painted its first rows.
    await settle();
    expect(state().plan?.tasks).toHaveLength(FIRST);
    firstLoad.markFirstRowsShown();
    await settle();
    await settle();
    expect(state().plan?.tasks).toEqual(six);
    expect(state().tasksPartial).toBe(false);
    // The first rows stay the same objects (the grid redraws nothing of them), and nothing was read twice.
    for (let i = 0; i < FIRST; i++) expect(state().plan!.tasks[i]).toBe(shownFirst[i]);
    expect(api.calls.filter((c) => c === 'tasks.list')).toHaveLength(2);
  });

  it('an edit made while the rest is on its way is kept, with its stored value', async () => {
    const whole = deferred();
    answerInParts(whole.answer as Promise<{ value: TaskRows }>);
    openOnTable2();
    firstLoad.startFirstLoad();
    await state().loadProjects();
    await settle();
    expect(state().tasksPartial).toBe(true);
    const stored = { ...six[1]!, progress: 90, updatedAt: '2024-05-02T00:00:00.000Z' };
    const parent = { ...six[0]!, updatedAt: '2024-05-02T00:00:00.000Z' };
    api.on('tasks.update', () => ({
      value: stored,
      changes: {
        projectId: PROJECT_ID,
        tables: ['tasks'],
        tasks: { upsert: [stored, parent], remove: [] },
        history: { undo: 'tasks.update', redo: null },
      },
    }));
    const edited = await state().editTask(six[1]!.id, { progress: 90 });
    expect(edited.ok).toBe(true);
    // The whole table was read before the edit reached the main process: it holds the old value.
    firstLoad.markFirstRowsShown();
    whole.release({ value: onTheWire(six) });
    await settle();
    await settle();
    expect(state().tasksPartial).toBe(false);
    expect(state().plan!.tasks.map((t) => t.id)).toEqual(six.map((t) => t.id));
    expect(state().plan!.tasks[1]).toEqual(stored);
    expect(state().plan!.tasks[0]!.updatedAt).toBe('2024-05-02T00:00:00.000Z');
    expect(state().plan!.tasks.slice(FIRST)).toEqual(six.slice(FIRST));
    expect(state().pending).toEqual({});
  });

  it('rows added meanwhile have the whole table read again, in its order', async () => {
    const whole = deferred();
    answerInParts(whole.answer as Promise<{ value: TaskRows }>);
    openOnTable2();
    firstLoad.startFirstLoad();
    await state().loadProjects();
    await settle();
    const added = task(id(9999), six.length, { name: '新任务' });
    api.on('tasks.create', () => ({
      value: added,
      changes: {
        projectId: PROJECT_ID,
        tables: ['tasks'],
        tasks: { upsert: [added], remove: [] },
        history: { undo: 'tasks.create', redo: null },
      },
    }));
    expect((await state().addTask(null, '新任务')).ok).toBe(true);
    // From now on the main process holds seven tasks.
    api.on('tasks.list', () => ({ value: onTheWire([...six, added]) }));
    firstLoad.markFirstRowsShown();
    whole.release({ value: onTheWire(six) });
    for (let i = 0; i < 4; i++) await settle();
    expect(state().tasksPartial).toBe(false);
    expect(state().plan!.tasks.map((t) => t.id)).toEqual([...six, added].map((t) => t.id));
    expect(api.calls.filter((c) => c === 'tasks.list')).toHaveLength(3);
  });

  it('with a sort remembered, or another tab open, the whole table is asked for at once', async () => {
    const asked = answerInParts();
    openOnTable2();
    localStorage.setItem('grid-columns:tasks', JSON.stringify([{ colId: 'name', sort: 'asc' }]));
    firstLoad.startFirstLoad();
    sessionStorage.setItem('project-tab', 'overview');
    localStorage.removeItem('grid-columns:tasks');
    firstLoad.startFirstLoad();
    expect(asked).toEqual([{ projectId: PROJECT_ID }, { projectId: PROJECT_ID }]);
    await state().loadProjects();
    await settle();
    expect(state().plan?.tasks).toEqual(six);
    expect(state().tasksPartial).toBe(false);
  });

  it('a table shorter than its first rows is read once', async () => {
    const asked = answerInParts();
    six = six.slice(0, 5);
    openOnTable2();
    firstLoad.startFirstLoad();
    await state().loadProjects();
    for (let i = 0; i < 3; i++) await settle();
    expect(asked).toEqual([{ projectId: PROJECT_ID, first: firstLoad.FIRST_ROWS }]);
    expect(state().plan?.tasks).toEqual(six);
    expect(state().tasksPartial).toBe(false);
  });
});
