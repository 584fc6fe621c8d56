/**
 * Control characters (NUL, ESC …) are refused wherever a value enters the app, so that every
 * value the app stores is one a project file may carry (the file reader refuses them too).
 */
import { describe, expect, test } from 'vitest';
import { parseTaskCell } from '../../src-main/shared/cell-parse';
import { openApp } from '../helpers/app';
import { logicalHash } from '../helpers/db';

const ctx = { people: [], modules: [], tasks: [], year: 2024 } as unknown as Parameters<
  typeof parseTaskCell
>[2];

describe('control characters', () => {
  test('are refused in any channel’s payload, with the field named and nothing stored', () => {
    const app = openApp();
    const pid = app.ok('projects.create', { name: '周年庆' }).id;
    const task = app.ok('tasks.create', { projectId: pid, values: { name: '预热' } });
    const before = logicalHash(app.file);
    for (const bad of ['a\u0000b', 'esc\u001b[31m', 'bell\u0007', 'v\u000bt']) {
      expect(app.fail('tasks.update', { id: task.id, patch: { notes: bad } })).toMatchObject({
        code: 'invalid_input',
        path: ['patch', 'notes'],
        reason: 'control_character',
      });
      expect(app.fail('projects.rename', { id: pid, name: bad })).toMatchObject({
        reason: 'control_character',
      });
    }
    expect(logicalHash(app.file)).toBe(before);
    // Tabs and line breaks are text, and so are right-to-left and injection strings.
    const fine = "line 1\nline 2\ttab\r\n\u202eטקסט عربي '; DROP TABLE tasks;-- =cmd|' /C calc'!A0";
    app.ok('tasks.update', { id: task.id, patch: { notes: fine } });
    expect(app.db.prepare('SELECT notes FROM tasks WHERE id = ?').pluck().get(task.id)).toBe(fine);
  });

  test('a pasted cell: Word’s soft line break becomes a line break, other controls are refused', () => {
    expect(parseTaskCell('notes', '第一行\u000b第二行\f第三行', ctx)).toEqual({
      ok: true,
      value: '第一行\n第二行\n第三行',
    });
    expect(parseTaskCell('notes', 'a\u0001b', ctx)).toMatchObject({ ok: false, reason: 'control_character' });
  });
});
