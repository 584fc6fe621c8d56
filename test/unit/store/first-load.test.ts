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
import { installFakeApi, module, person, project, PROJECT_ID, summary, task, type FakeApi } from './fake-api';

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
