/**
 * One rule per limit: a name too long, a note too long, a control character, a lone surrogate
 * and a progress figure out of 0–100 are refused with the same reason and params by the cell
 * parser (paste, import, and Table 2's cells, which parse what is typed with it), the contract
 * (the router) and the project-file validator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../src-main/db/open';
import { readProjectFile } from '../../src-main/project-file/read';
import { contentProblems } from '../../src-main/project-file/validate';
import { createRouter } from '../../src-main/router';
import { parseTaskCell, type TaskTextField } from '../../src-main/shared/cell-parse';
import type { Channel } from '../../src-main/shared/channels';
import type { Input, Output } from '../../src-main/shared/contract';
import { LONG_TEXT_MAX, NAME_MAX, PROGRESS_MAX } from '../../src-main/shared/limits';
import { exportProject } from '../helpers/project-files';

const dir = mkdtempSync(join(tmpdir(), 'ct-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const emptyContext = { personByName: new Map(), moduleByName: new Map(), taskByCode: new Map() };

/** Each bad value, the task field it goes in (camelCase for the app, snake_case in a file). */
const CASES: { what: string; field: TaskTextField; column: string; value: string | number }[] = [
  { what: 'a name one character too long', field: 'name', column: 'name', value: '任'.repeat(NAME_MAX + 1) },
  {
    what: 'notes one character too long',
    field: 'notes',
    column: 'notes',
    value: 'x'.repeat(LONG_TEXT_MAX + 1),
  },
  { what: 'a NUL in the notes', field: 'notes', column: 'notes', value: '备注\u0000' },
  { what: 'an ESC in a name', field: 'name', column: 'name', value: '任务\u001b' },
  { what: 'half an emoji in the tools', field: 'tools', column: 'tools', value: '秀米\ud83d' },
  { what: 'progress 150', field: 'progress', column: 'progress', value: 150 },
  { what: 'progress 101', field: 'progress', column: 'progress', value: PROGRESS_MAX + 1 },
  { what: 'progress −1', field: 'progress', column: 'progress', value: -1 },
];

function refusedByCellParser(field: TaskTextField, value: string | number) {
  const result = parseTaskCell(field, String(value), emptyContext);
  if (result.ok) throw new Error(`${field} ${String(value)} was accepted`);
  return { reason: result.reason, params: result.params ?? {} };
}

describe('the same values are refused with the same reason everywhere', () => {
  const file = join(dir, 'app.sqlite');
  const db = openDatabase({ file });
  afterAll(() => db.close());
  const router = createRouter(db, { version: '0.0.0-test', logError: () => {} });
  const ok = <C extends Channel>(channel: C, payload: Input<C>): Output<C> => {
    const result = router.invoke(channel, payload);
    if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
    return result.value as Output<C>;
  };
  const projectId = ok('projects.create', { name: '规则' }).id;
  const task = ok('tasks.create', { projectId, values: { name: '任务' } });
  const projectFile = join(dir, 'rules.ctproj');
  exportProject({ db, file }, projectId, projectFile);
  const bundle = readProjectFile(projectFile).bundle;

  function refusedByContract(field: string, value: string | number) {
    const result = router.invoke('tasks.update', { id: task.id, patch: { [field]: value } });
    if (result.ok) throw new Error(`${field} ${String(value)} was stored`);
    const error = result.error;
    expect(error.path).toEqual(['patch', field]);
    return { reason: error.reason, params: error.params ?? {} };
  }

  function refusedByValidator(column: string, value: string | number) {
    const tasks = bundle.tables.tasks!.map((row) => ({ ...row, [column]: value }));
    const problems = contentProblems({ ...bundle, tables: { ...bundle.tables, tasks } });
    expect(problems[0]?.path).toEqual(['tasks', 0, column]);
    return { reason: problems[0]?.reason, params: problems[0]?.params ?? {} };
  }

  test.each(CASES)('$what', ({ field, column, value }) => {
    const contract = refusedByContract(field, value);
    expect(contract.reason).not.toBe('invalid_input');
    expect(refusedByCellParser(field, value)).toEqual(contract);
    expect(refusedByValidator(column, value)).toEqual(contract);
  });

  test('the limits are the ones the contract states', () => {
    expect(refusedByContract('name', 'x'.repeat(NAME_MAX + 1))).toEqual({
      reason: 'too_big',
      params: { limit: NAME_MAX, origin: 'string' },
    });
    expect(refusedByContract('progress', 150)).toEqual({
      reason: 'too_big',
      params: { limit: 100, origin: 'number' },
    });
    expect(refusedByContract('progress', -1)).toEqual({
      reason: 'too_small',
      params: { limit: 0, origin: 'number' },
    });
    // At the limits the value is stored by all three.
    expect(parseTaskCell('name', 'x'.repeat(NAME_MAX), emptyContext).ok).toBe(true);
    expect(parseTaskCell('progress', '100', emptyContext)).toEqual({ ok: true, value: 100 });
    expect(ok('tasks.update', { id: task.id, patch: { progress: 100 } }).progress).toBe(100);
    const tasks = bundle.tables.tasks!.map((row) => ({ ...row, progress: 100, name: 'x'.repeat(NAME_MAX) }));
    expect(contentProblems({ ...bundle, tables: { ...bundle.tables, tasks } })).toEqual([]);
  });
});
