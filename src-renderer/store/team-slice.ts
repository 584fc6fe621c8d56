import type { StateCreator } from 'zustand';
import type { Person, PersonPatch, Project, ProjectPatch } from '../../src-main/shared/domain';
import { errorData } from '../api/client';
import type { AppState } from './index';
import { NO_OPEN_PROJECT, refused, succeeded, type Outcome } from './outcome';
import type { PlanPart } from './plan-slice';
import { callWrite, type Written } from './write';

/** The strategy header and the team (step 一). */
export interface TeamSlice {
  editProject(patch: ProjectPatch): Promise<Outcome<Project>>;
  addPerson(name: string): Promise<Outcome<Person>>;
  editPerson(id: string, patch: PersonPatch): Promise<Outcome<Person>>;
  deletePerson(id: string): Promise<Outcome<unknown>>;
}

export const teamSlice: StateCreator<AppState, [], [], TeamSlice> = (_set, get) => {
  /** Runs a write; without a change set, reads `parts` of the plan again. */
  async function attempt<T>(send: () => Promise<Written<T>>, parts: PlanPart[]): Promise<Outcome<T>> {
    try {
      const { value, changes, settled } = await send();
      if (changes) await settled;
      else await get().refreshPlan(parts);
      return succeeded(value);
    } catch (e) {
      const error = errorData(e);
      get().showNotice({ error, entity: parts.includes('people') ? 'person' : 'project' });
      return refused(error);
    }
  }
  return {
    editProject(patch) {
      const plan = get().plan;
      if (!plan) return Promise.resolve(refused(NO_OPEN_PROJECT));
      return attempt(() => callWrite('projects.update', { id: plan.project.id, patch }), ['project']);
    },
    addPerson(name) {
      const plan = get().plan;
      if (!plan) return Promise.resolve(refused(NO_OPEN_PROJECT));
      return attempt(() => callWrite('people.create', { projectId: plan.project.id, name }), ['people']);
    },
    editPerson: (id, patch) => attempt(() => callWrite('people.update', { id, patch }), ['people']),
    deletePerson: (id) => attempt(() => callWrite('people.delete', { id }), ['people', 'project']),
  };
};
