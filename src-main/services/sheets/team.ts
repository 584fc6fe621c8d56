/**
 * Owners named in an imported file are matched to the team by name; those not in it yet join the
 * team (as the file is the user's own plan, refusing every row for a new colleague would only
 * make them type the names twice). The preview lists them before anything is written.
 */
import type { Person } from '../../shared/domain';
import type { ErrorParams } from '../../shared/errors';
import { name as nameSchema } from '../../shared/values';
import { createPerson, listPeople } from '../people';
import type { Db } from '../common';

/** 张三、李四 or 张三,李四: the template wants exactly one owner per task and per module. */
const SEVERAL = /[、,，;；]/;

export interface Team {
  /** Trimmed name → id; the first of two namesakes wins, as in the grid's owner picker. */
  byName: Map<string, string>;
  added: string[];
}

export function teamOf(db: Db, projectId: string): Team {
  const byName = new Map<string, string>();
  for (const p of listPeople(db, { projectId }))
    if (!byName.has(p.name.trim())) byName.set(p.name.trim(), p.id);
  return { byName, added: [] };
}

/**
 * Adds the person an owner cell names to the team when new. Answers why not when the cell
 * cannot name one person (null when it is fine, blank included).
 */
export function addMember(
  db: Db,
  projectId: string,
  team: Team,
  text: string,
  role: Person['role'],
): { reason: string; params?: ErrorParams } | null {
  const name = text.trim();
  if (!name || team.byName.has(name)) return null;
  if (SEVERAL.test(name)) return { reason: 'several_owners', params: { name } };
  const parsed = nameSchema.safeParse(name);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.code === 'too_big') return { reason: 'too_big', params: { limit: Number(issue.maximum) } };
    return { reason: 'invalid_name', params: { name } };
  }
  const person = createPerson(db, { projectId, name: parsed.data, role });
  team.byName.set(name, person.id);
  team.added.push(name);
  return null;
}
