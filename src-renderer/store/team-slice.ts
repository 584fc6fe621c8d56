import type { StateCreator } from 'zustand';
import type { Person, PersonPatch, ProjectPatch } from '../../src-main/shared/domain';
import type { AppErrorData } from '../../src-main/shared/errors';
import { call, errorData } from '../api/client';
import type { AppState } from './index';

/** The strategy header and the team (step 一). Each action answers the refusal, if any. */
export interface TeamSlice {
  editProject(patch: ProjectPatch): Promise<AppErrorData | null>;
  addPerson(name: string): Promise<Person | null>;
  editPerson(id: string, patch: PersonPatch): Promise<AppErrorData | null>;
  deletePerson(id: string): Promise<AppErrorData | null>;
}

export const teamSlice: StateCreator<AppState, [], [], TeamSlice> = (_set, get) => {
  async function attempt(
    send: () => Promise<unknown>,
    parts: ('project' | 'people' | 'tasks' | 'modules')[],
  ) {
    try {
      await send();
      await get().refreshPlan(parts);
      return null;
    } catch (e) {
      const error = errorData(e);
      get().showNotice({ error, entity: parts.includes('people') ? 'person' : 'project' });
      return error;
    }
  }
  return {
    editProject(patch) {
      const plan = get().plan;
      if (!plan) return Promise.resolve(null);
      return attempt(() => call('projects.update', { id: plan.project.id, patch }), ['project']);
    },
    async addPerson(name) {
      const plan = get().plan;
      if (!plan) return null;
      try {
        const person = await call('people.create', { projectId: plan.project.id, name });
        await get().refreshPlan(['people']);
        return person;
      } catch (e) {
        get().showNotice({ error: errorData(e), entity: 'person' });
        return null;
      }
    },
    editPerson: (id, patch) => attempt(() => call('people.update', { id, patch }), ['people']),
    deletePerson: (id) => attempt(() => call('people.delete', { id }), ['people', 'project']),
  };
};
