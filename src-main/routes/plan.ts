/** The plan: the project itself, its team, Table 1's modules and Table 2's tasks. */
import { projectOf, type Db } from '../services/common';
import { createModule, deleteModule, listModules, updateModule } from '../services/modules';
import { createPerson, deletePerson, listPeople, updatePerson } from '../services/people';
import {
  createProject,
  deleteProject,
  getProject,
  listProjects,
  renameProject,
  updateProject,
} from '../services/projects';
import { copyPlan } from '../services/copy-plan';
import { createTask, deleteTasks, listTaskRows, listTasks, pasteTasks, updateTask } from '../services/tasks';
import { indentTask, moveTask, outdentTask } from '../services/task-tree';
import { schemaVersion } from '../db/open';
import { tasksFromRows } from '../shared/task-rows';
import type { Task } from '../shared/domain';
import { byId, inProject, none, projectOfRow, read, undoable, write, type RouteTable } from './route';

const ofTask = projectOfRow.task;
const ofId = (_db: Db, i: { id: string }) => [i.id];
/** A write's answered task for its change set: a copy, which travels beside the answer. */
const copyOf = (t: Task) => [{ ...t, predecessorIds: [...t.predecessorIds] }];
/** A reorder answers with the whole table in its new order. */
const wholeTable = (db: Db, id: string) => listTasks(db, { projectId: projectOf(db, 'tasks', id) });

export const planRoutes = {
  'app.info': read((db, _i: Record<string, never>, app) => ({
    version: app.version,
    schemaVersion: schemaVersion(db),
  })),
  'projects.list': read((db, _i: Record<string, never>, app) => listProjects(db, app.knownFigures)),
  'projects.get': read((db, i: { id: string }) => getProject(db, i.id)),
  'projects.create': write(createProject, { writes: none }),
  'projects.rename': undoable(write(renameProject, { writes: ofId })),
  'projects.update': undoable(write(updateProject, { writes: ofId })),
  // A whole project goes, its rows with it: nothing to undo, no rows to tell but its own.
  'projects.delete': write(deleteProject, { writes: none, capture: false, project: (i) => i.id }),
  // Reads the source, writes a new project (a whole plan at once).
  'projects.copyPlan': write(copyPlan, { writes: none, capture: false, project: (_i, v) => v.id }),

  'people.list': read(listPeople),
  'people.create': undoable(write(createPerson, { writes: inProject })),
  'people.update': undoable(write(updatePerson, { writes: byId(projectOfRow.person) })),
  'people.delete': undoable(write(deletePerson, { writes: byId(projectOfRow.person) })),

  'modules.list': read(listModules),
  'modules.create': undoable(write(createModule, { writes: inProject })),
  'modules.update': undoable(write(updateModule, { writes: byId(projectOfRow.module) })),
  'modules.delete': undoable(write(deleteModule, { writes: byId(projectOfRow.module) })),

  'tasks.list': read(listTaskRows),
  // The task or rows a write answers are read after it: its change set takes them (a copy of a
  // task answered, which travels beside it) instead of reading them again.
  'tasks.create': undoable(write(createTask, { writes: inProject, tasksAfter: copyOf })),
  'tasks.update': undoable(write(updateTask, { writes: byId(ofTask), tasksAfter: copyOf })),
  'tasks.delete': undoable(
    write(deleteTasks, { writes: (db, i) => [...new Set(i.ids.map((id) => ofTask(db, id)))] }),
  ),
  'tasks.move': undoable(
    write((db, i: { id: string; direction: 'up' | 'down' }) => (moveTask(db, i), wholeTable(db, i.id)), {
      writes: byId(ofTask),
    }),
  ),
  'tasks.indent': undoable(
    write((db, i: { id: string }) => (indentTask(db, i), wholeTable(db, i.id)), { writes: byId(ofTask) }),
  ),
  'tasks.outdent': undoable(
    write((db, i: { id: string }) => (outdentTask(db, i), wholeTable(db, i.id)), { writes: byId(ofTask) }),
  ),
  'tasks.paste': undoable(
    write(pasteTasks, { writes: inProject, tasksAfter: (v) => tasksFromRows(v.tasks) }),
  ),
} satisfies Partial<RouteTable>;
