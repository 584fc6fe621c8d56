/**
 * 成功经验 / 失败教训 / 改进建议 (step 六): lessons the owner writes in the retrospective, each
 * tagged (channel, audience, tactic, module), and the library that searches the lessons of every
 * campaign, archived ones included.
 */
import type { Lesson, LessonHit, LessonKind, LessonPatch } from '../shared/lessons';
import { selectList, updateFields, type ColumnMap } from '../db/columns';
import { newId, nowStamp } from '../db/ids';
import { belongsTo, invalid, nextPosition, notFound, projectOf, requireProject, type Db } from './common';

const COLUMNS: ColumnMap<keyof Lesson> = {
  id: 'id',
  projectId: 'project_id',
  kind: 'kind',
  text: 'text',
  channel: 'channel',
  audience: 'audience',
  tactic: 'tactic',
  moduleId: 'module_id',
  position: 'position',
};
const SELECT = `SELECT ${selectList(COLUMNS, 'l')} FROM lessons l`;

export function listLessons(db: Db, input: { projectId: string }): Lesson[] {
  requireProject(db, input.projectId);
  return db
    .prepare(`${SELECT} WHERE l.project_id = ? ORDER BY l.position, l.id`)
    .all(input.projectId) as Lesson[];
}

function getLesson(db: Db, id: string): Lesson {
  const row = db.prepare(`${SELECT} WHERE l.id = ?`).get(id) as Lesson | undefined;
  if (!row) throw notFound();
  return row;
}

function checkModule(db: Db, projectId: string, moduleId: string | null | undefined, path: string[]) {
  if (moduleId != null && !belongsTo(db, 'modules', moduleId, projectId))
    throw invalid(path, 'not_in_project');
}

export function createLesson(
  db: Db,
  input: { projectId: string; values: LessonPatch & { kind: LessonKind; text: string } },
): Lesson {
  const id = newId();
  db.transaction(() => {
    requireProject(db, input.projectId);
    checkModule(db, input.projectId, input.values.moduleId, ['values', 'moduleId']);
    const stamp = nowStamp();
    db.prepare(
      `INSERT INTO lessons (id, project_id, kind, text, position, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      input.projectId,
      input.values.kind,
      input.values.text,
      nextPosition(db, 'lessons', input.projectId),
      stamp,
      stamp,
    );
    updateFields(db, 'lessons', COLUMNS, id, input.values, stamp);
  })();
  return getLesson(db, id);
}

export function updateLesson(db: Db, input: { id: string; patch: LessonPatch }): Lesson {
  return db.transaction(() => {
    const projectId = projectOf(db, 'lessons', input.id);
    checkModule(db, projectId, input.patch.moduleId, ['patch', 'moduleId']);
    updateFields(db, 'lessons', COLUMNS, input.id, input.patch, nowStamp());
    return getLesson(db, input.id);
  })();
}

export function deleteLesson(db: Db, input: { id: string }): { id: string } {
  db.transaction(() => {
    if (db.prepare('DELETE FROM lessons WHERE id = ?').run(input.id).changes === 0) throw notFound();
  })();
  return { id: input.id };
}

/** LIKE with the user's text taken literally (% and _ are not wildcards). */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** At most this many lessons are answered; the library is read, not exported. */
export const LESSON_SEARCH_LIMIT = 500;

/**
 * The lessons of every project (archived ones included) whose text or tags hold every word of
 * `text`, and one of whose tags (channel, audience, tactic, module name) is `tag` (ignoring
 * case); newest campaigns first.
 */
export function searchLessons(
  db: Db,
  input: { text: string; tag: string; kind: LessonKind | null },
): LessonHit[] {
  const where: string[] = [];
  const params: unknown[] = [];
  const haystack = `(l.text || ' ' || l.channel || ' ' || l.audience || ' ' || l.tactic || ' ' || coalesce(m.name, ''))`;
  for (const word of input.text.split(/\s+/).filter(Boolean)) {
    where.push(`${haystack} LIKE ? ESCAPE '\\'`);
    params.push(`%${likeEscape(word)}%`);
  }
  if (input.tag) {
    where.push(
      `lower(?) IN (lower(l.channel), lower(l.audience), lower(l.tactic), lower(coalesce(m.name, '')))`,
    );
    params.push(input.tag);
  }
  if (input.kind) {
    where.push('l.kind = ?');
    params.push(input.kind);
  }
  return db
    .prepare(
      `SELECT ${selectList(COLUMNS, 'l')}, p.name AS projectName, p.status AS projectStatus,
              p.start_date AS projectStart, m.name AS moduleName
         FROM lessons l JOIN projects p ON p.id = l.project_id LEFT JOIN modules m ON m.id = l.module_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY coalesce(p.start_date, '') DESC, p.id, l.position, l.id
        LIMIT ${LESSON_SEARCH_LIMIT}`,
    )
    .all(...params) as LessonHit[];
}
