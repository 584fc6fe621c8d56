/**
 * Table 2's cells as plain text, the way they are copied out to Excel/WPS and pasted back in:
 * ISO dates, yuan amounts without symbols, owners and modules by name, 是/否, task codes. Paste
 * turns such text back into values with the shared cell parser, so a copy–paste round trip is
 * lossless.
 */
import type { Module, Person, Task } from '../../../src-main/shared/domain';
import type { ParseContext, TaskTextField } from '../../../src-main/shared/cell-parse';
import { fenToYuanText } from '../../../src-main/shared/values';

export interface TextContext {
  personName: ReadonlyMap<string, string>;
  moduleName: ReadonlyMap<string, string>;
  codeOf: ReadonlyMap<string, string>;
  yes: string;
  no: string;
}

export function parseContext(plan: { people: Person[]; modules: Module[]; tasks: Task[] }): ParseContext {
  return {
    personByName: new Map(plan.people.map((p) => [p.name.trim(), p.id])),
    moduleByName: new Map(plan.modules.map((m) => [m.name.trim(), m.id])),
    taskByCode: new Map(plan.tasks.map((t) => [t.code, t.id])),
  };
}

export function cellText(task: Task, field: TaskTextField | 'code', ctx: TextContext): string {
  switch (field) {
    case 'code':
      return task.code;
    case 'ownerId':
      return task.ownerId ? (ctx.personName.get(task.ownerId) ?? '') : '';
    case 'moduleId':
      return task.moduleId ? (ctx.moduleName.get(task.moduleId) ?? '') : '';
    case 'start':
    case 'end':
      return task[field] ?? '';
    case 'budgetFen':
      return task.budgetFen == null ? '' : fenToYuanText(task.budgetFen);
    case 'progress':
      return String(task.progress);
    case 'milestone':
    case 'blocked':
      return task[field] ? ctx.yes : ctx.no;
    case 'predecessorIds':
      return task.predecessorIds.map((id) => ctx.codeOf.get(id) ?? '').join(', ');
    default:
      return task[field];
  }
}
