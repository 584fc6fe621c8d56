import type { Task } from '../../src-main/shared/domain';

/** A task with every field at its empty value, for tests of pure logic; `over` sets what matters. */
export function blankTask(id: string, code: string, over: Partial<Task> = {}): Task {
  return {
    id,
    projectId: 'p',
    code,
    name: code,
    deliverable: '',
    ownerId: null,
    start: null,
    end: null,
    budgetFen: null,
    manpower: '',
    tools: '',
    criteria: '',
    progress: 0,
    notes: '',
    moduleId: null,
    parentId: null,
    milestone: false,
    blocked: false,
    predecessorIds: [],
    trackingCycle: null,
    position: 0,
    updatedAt: '',
    ...over,
  };
}
