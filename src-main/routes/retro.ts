/** Step 六: the retrospective and the lessons (经验库). */
import { getRetrospective } from '../services/retrospective';
import { createLesson, deleteLesson, listLessons, searchLessons, updateLesson } from '../services/lessons';
import { byId, inProject, projectOfRow, read, undoable, write, type RouteTable } from './route';

export const retroRoutes = {
  'retro.get': read(getRetrospective),
  'lessons.list': read(listLessons),
  'lessons.create': undoable(write(createLesson, { writes: inProject })),
  'lessons.update': undoable(write(updateLesson, { writes: byId(projectOfRow.lesson) })),
  'lessons.delete': undoable(write(deleteLesson, { writes: byId(projectOfRow.lesson) })),
  'lessons.search': read(searchLessons),
} satisfies Partial<RouteTable>;
