/**
 * Table 1's rows from a file into a project, through the same service calls as an edit in the
 * tracking table. A module is known by its name (Table 2 refers to modules by name), so a row
 * naming a module the project already has updates it — the weekly round of the template, where
 * the tracking table comes back filled in — and the other rows add modules.
 */
import { parseTaskCell } from '../../shared/cell-parse';
import { modulePatchSchema, type ModulePatch, type ProjectPatch } from '../../shared/domain';
import { deferred } from '../../shared/deferred';
import type { Db } from '../common';
import { createModule, listModules, updateModule } from '../modules';
import { getProject, updateProject } from '../projects';
import type { SheetData } from './grid';
import type { ImportOutcome } from './import-tasks';
import { formatPeriodCell, parsePeriodCell } from './period';
import { attempt, Problems } from './problems';
import { addMember, teamOf } from './team';
import { lacksYear, type YearContext } from './year';

const TEXT_FIELDS = ['milestone', 'summary', 'issues', 'suggestions', 'result'] as const;
// Built on first use, as the contract's schemas are (shared/deferred.ts), not when the app starts.
const newModuleSchema = deferred(() => modulePatchSchema.required({ name: true }));

/**
 * The template's 当前进度(完成%/关键节点): "60%(已完成预热内容,活动上线)" is 60 and the milestone,
 * "60%" or "60" the figure alone, any other text the milestone alone (the figure then rolls up
 * from the module's tasks).
 */
export function splitModuleProgress(text: string): { percent: string | null; milestone: string } {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return { percent: t, milestone: '' };
  const m = /^(-?\d+(?:\.\d+)?)\s*[%％]\s*([\s\S]*)$/.exec(t);
  if (!m) return { percent: null, milestone: t };
  let rest = (m[2] ?? '').trim();
  const wrapped = /^[(（]([\s\S]*)[)）]$/.exec(rest);
  rest = wrapped ? wrapped[1]!.trim() : rest.replace(/^[,，;；:：、\-—/\s]+/, '').trim();
  return { percent: m[1]!, milestone: rest };
}

export function importModuleRows(
  db: Db,
  projectId: string,
  data: SheetData,
  problems: Problems,
  yearContext: YearContext,
): ImportOutcome {
  const project = getProject(db, projectId);
  const year = yearContext.value;
  let yearAssumed = false;
  const mapped = new Set(data.columns.flatMap((c) => (c.field ? [c.field] : [])));
  const team = teamOf(db, projectId);
  const existing = new Map(
    listModules(db, { projectId })
      .reverse()
      .map((m) => [m.name.trim(), m.id]),
  );

  // The strategy's own cells (策略名称 … 时间周期) fill in what the project does not have yet;
  // they never overwrite it. The strategy's name is the project's and stays as it is.
  const projectPatch: ProjectPatch = {};
  const projectFields: { field: string; value: string }[] = [];
  const first = (field: string) => data.rows.find((r) => (r.cells[field] ?? '').trim() !== '');
  const goalRow = first('goal');
  if (goalRow && project.goal.trim() === '') {
    projectPatch.goal = goalRow.cells.goal!.trim();
    projectFields.push({ field: 'goal', value: projectPatch.goal });
  }
  const ownerRow = first('owner');
  if (ownerRow && project.ownerId === null) {
    const owner = ownerRow.cells.owner!.trim();
    const refusal = addMember(db, projectId, team, owner, 'overall_owner');
    // Not one person: the project's owner stays unset, the rows still import.
    if (refusal) problems.keep(ownerRow.ref, 'owner', refusal.reason, refusal.params);
    else {
      projectPatch.ownerId = team.byName.get(owner)!;
      projectFields.push({ field: 'owner', value: owner });
    }
  }
  const periodRow = first('period');
  if (periodRow && project.start === null && project.end === null) {
    const period = parsePeriodCell(periodRow.cells.period!, year);
    // Unreadable: the project's period stays unset, the rows still import.
    if (period === null)
      problems.keep(periodRow.ref, 'period', 'invalid_period', { text: periodRow.cells.period!.trim() });
    else {
      if (lacksYear(periodRow.cells.period!)) yearAssumed = true;
      Object.assign(projectPatch, period);
      projectFields.push({ field: 'period', value: formatPeriodCell(period.start, period.end) });
    }
  }
  if (Object.keys(projectPatch).length > 0) {
    attempt(
      problems,
      (periodRow ?? goalRow ?? ownerRow)!.ref,
      () => void updateProject(db, { id: projectId, patch: projectPatch }),
    );
  }

  const rowInfo: ImportOutcome['rowInfo'] = new Map();
  const seen = new Set<string>();
  let created = 0;
  let updated = 0;
  for (const row of data.rows) {
    const c = row.cells;
    const name = (c.name ?? '').trim();
    if (name && seen.has(name)) {
      problems.add(row.ref, 'name', 'duplicate_module', { name });
      continue;
    }
    seen.add(name);
    const values: ModulePatch = { name };
    // Cells that cannot be read as their column's value are kept as text in 执行情况简述.
    const kept: string[] = [];
    const keep = (field: string, reason: string, params?: Record<string, string | number>) => {
      const note = problems.keep(row.ref, field, reason, params);
      if (note) kept.push(note);
    };
    if (mapped.has('ownerId')) {
      const owner = (c.ownerId ?? '').trim();
      const refusal = addMember(db, projectId, team, owner, 'module_owner');
      if (refusal) keep('ownerId', refusal.reason, refusal.params);
      else values.ownerId = owner ? team.byName.get(owner)! : null;
    }
    // 当前进度 combined, or 完成% and 关键节点 in columns of their own (which win when filled).
    if (mapped.has('progress') || mapped.has('progressPercent')) {
      const combined = splitModuleProgress(c.progress ?? '');
      const percent = (c.progressPercent ?? '').trim() || combined.percent;
      if (percent === null || percent === '') values.progressOverride = null;
      else {
        // The same rule as a task's 当前进度: a whole number from 0 to 100.
        const parsed = parseTaskCell('progress', percent, {
          personByName: new Map(),
          moduleByName: new Map(),
          taskByCode: new Map(),
        });
        if (parsed.ok) values.progressOverride = parsed.value as number;
        else keep('progressOverride', parsed.reason, parsed.params);
      }
      if (!mapped.has('milestone') || (c.milestone ?? '').trim() === '')
        values.milestone = combined.milestone;
    }
    for (const f of TEXT_FIELDS) {
      if (mapped.has(f) && (f !== 'milestone' || (c.milestone ?? '').trim() !== ''))
        values[f] = (c[f] ?? '').trim();
    }
    if (kept.length > 0) values.summary = [values.summary ?? '', ...kept].filter(Boolean).join('\n');
    const checked = newModuleSchema.safeParse(values);
    if (!checked.success) {
      problems.addZod(row.ref, checked.error);
      continue;
    }
    const id = existing.get(name);
    if (id) {
      if (attempt(problems, row.ref, () => void updateModule(db, { id, patch: checked.data }))) updated++;
      rowInfo.set(row.ref, { action: 'update' });
    } else {
      if (attempt(problems, row.ref, () => void createModule(db, { projectId, values: checked.data })))
        created++;
      rowInfo.set(row.ref, { action: 'create' });
    }
  }
  return { created, updated, newPeople: team.added, rowInfo, projectFields, yearAssumed };
}
