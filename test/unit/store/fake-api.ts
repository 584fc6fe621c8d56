/**
 * A fake main process for the renderer's store: the store runs unchanged (its real client,
 * `call` and `onChanges`) against `window.api.invoke`, answered here per channel. Every call is
 * recorded, so a test can count the follow-up calls a write caused. Answers have the shape of
 * the real ones: `{ ok: true, value, changes? }` or `{ ok: false, error }`.
 */
import { vi } from 'vitest';
import type { ChangeSet } from '../../../src-main/shared/changes';
import type { Module, Person, Project, ProjectSummary, Task } from '../../../src-main/shared/domain';
import type { AppErrorData } from '../../../src-main/shared/errors';
import { blankTask } from '../../helpers/tasks';

export type Answer = { value: unknown; changes?: ChangeSet } | { error: AppErrorData };
type Handler = (input: Record<string, unknown>) => Answer | Promise<Answer>;

export interface FakeApi {
  /** What each channel answers (a channel without a handler answers internal). */
  on(channel: string, handler: Handler): void;
  /** The channels called since the last reset, in order. */
  calls: string[];
  reset(): void;
}

export function installFakeApi(): FakeApi {
  const handlers = new Map<string, Handler>();
  const api: FakeApi = {
    calls: [],
    on(channel, handler) {
      handlers.set(channel, handler);
    },
    reset() {
      handlers.clear();
      api.calls.length = 0;
    },
  };
  const invoke = async (channel: string, payload: unknown) => {
    api.calls.push(channel);
    const handler = handlers.get(channel);
    const answer: Answer = handler
      ? await handler((payload ?? {}) as Record<string, unknown>)
      : { error: { code: 'internal', reason: `no fake for ${channel}` } };
    // Through JSON, as over IPC or the bridge: the store never shares objects with the answer.
    const wire = JSON.parse(
      JSON.stringify('error' in answer ? { ok: false, error: answer.error } : { ok: true, ...answer }),
    ) as unknown;
    return wire;
  };
  const storage = () => {
    const items = new Map<string, string>();
    return {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
      removeItem: (k: string) => void items.delete(k),
    };
  };
  vi.stubGlobal('window', {
    api: { invoke },
    location: { search: '' },
    matchMedia: () => ({ matches: false }),
  });
  vi.stubGlobal('sessionStorage', storage());
  vi.stubGlobal('localStorage', storage());
  vi.stubGlobal('document', { documentElement: { dataset: {} } });
  return api;
}

/** An answer the test releases later (to look at the store while a write is on its way). */
export function deferred(): { answer: Promise<Answer>; release(answer: Answer): void } {
  let release!: (answer: Answer) => void;
  const answer = new Promise<Answer>((resolve) => (release = resolve));
  return { answer, release };
}

// ---- rows as the list channels answer them ----

export const PROJECT_ID = '01900000-0000-7000-8000-000000000001';

export function project(over: Partial<Project> = {}): Project {
  return {
    id: PROJECT_ID,
    name: '2024夏季新品推广',
    goal: '',
    ownerId: null,
    start: '2024-05-01',
    end: '2024-07-31',
    status: 'active',
    actions: '',
    audience: '',
    budgetFen: null,
    manpower: '',
    channels: '',
    expectedOutcome: '',
    trackingCycle: 'week',
    gapThresholdPct: 10,
    createdAt: '2024-04-01T00:00:00.000Z',
    updatedAt: '2024-04-01T00:00:00.000Z',
    ...over,
  };
}

export function summary(over: Partial<ProjectSummary> = {}): ProjectSummary {
  return {
    id: PROJECT_ID,
    name: '2024夏季新品推广',
    status: 'active',
    start: '2024-05-01',
    end: '2024-07-31',
    ownerName: null,
    taskCount: 3,
    progress: 0,
    ...over,
  };
}

export function task(id: string, position: number, over: Partial<Task> = {}): Task {
  return blankTask(id, `M00${position + 1}`, {
    projectId: PROJECT_ID,
    name: `任务${position + 1}`,
    start: '2024-05-01',
    end: '2024-05-10',
    position,
    updatedAt: '2024-04-01T00:00:00.000Z',
    ...over,
  });
}

export function module(id: string, position: number, over: Partial<Module> = {}): Module {
  return {
    id,
    projectId: PROJECT_ID,
    name: `模块${position + 1}`,
    ownerId: null,
    progress: 0,
    progressOverride: null,
    milestone: '',
    summary: '',
    issues: '',
    suggestions: '',
    result: '',
    budgetFen: null,
    position,
    ...over,
  };
}

export function person(id: string, position: number, over: Partial<Person> = {}): Person {
  return {
    id,
    projectId: PROJECT_ID,
    name: `成员${position + 1}`,
    role: 'executor',
    group: '',
    reportsToId: null,
    position,
    ...over,
  };
}
