/**
 * Ill-formed UTF-16 (a lone surrogate such as "\ud800") cannot be stored as text: SQLite would
 * keep invalid UTF-8 and give back replacement characters. It is refused like a control
 * character in every payload (any string, any key), in a pasted cell and in a project file; a
 * well-formed emoji, or a real U+FFFD, is text like any other.
 */
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { readProjectFile } from '../../src-main/project-file/read';
import { parseTaskCell } from '../../src-main/shared/cell-parse';
import { openApp } from '../helpers/app';
import { logicalHash } from '../helpers/db';
import { exportProject, seedEveryTable, writeProjectFileByHand } from '../helpers/project-files';
import { exportCopy } from '../helpers/installations';
import { tempDir } from '../helpers/tmp';
import { join } from 'node:path';
import { refusal } from '../helpers/refusal';

const ctx = { people: [], modules: [], tasks: [], year: 2024 } as unknown as Parameters<
  typeof parseTaskCell
>[2];

describe('lone surrogates', () => {
  test('are refused in any payload, in values and in keys, with nothing stored', () => {
    const app = openApp();
    const pid = app.ok('projects.create', { name: '周年庆' }).id;
    const task = app.ok('tasks.create', { projectId: pid, values: { name: '预热' } });
    const before = logicalHash(app.file);
    for (const bad of ['a\ud800b', '\udfff', 'end\ud83d', '\ude00start']) {
      expect(app.fail('tasks.update', { id: task.id, patch: { notes: bad } })).toMatchObject({
        code: 'invalid_input',
        path: ['patch', 'notes'],
        reason: 'ill_formed_text',
      });
      expect(app.fail('projects.rename', { id: pid, name: bad })).toMatchObject({
        reason: 'ill_formed_text',
      });
      expect(app.fail('people.create', { projectId: pid, name: '小李', group: bad })).toMatchObject({
        path: ['group'],
        reason: 'ill_formed_text',
      });
      expect(
        app.fail('tasks.paste', { projectId: pid, rows: [{ ref: 1, values: { name: '新', notes: bad } }] }),
      ).toMatchObject({ reason: 'ill_formed_text' });
      expect(
        app.fail('projectFile.import', { token: 't', mode: 'merge', resolutions: { [bad]: 'mine' } }),
      ).toMatchObject({ path: ['resolutions', bad], reason: 'ill_formed_text' });
    }
    expect(logicalHash(app.file)).toBe(before);
    // A paired surrogate (an emoji) and a real replacement character are text.
    const fine = '庆祝🎉 \uFFFD 𝕏';
    app.ok('tasks.update', { id: task.id, patch: { notes: fine } });
    expect(app.db.prepare('SELECT notes FROM tasks WHERE id = ?').pluck().get(task.id)).toBe(fine);
  });

  test('a pasted cell with a lone surrogate is refused', () => {
    expect(parseTaskCell('notes', 'a\ud800b', ctx)).toMatchObject({ ok: false, reason: 'ill_formed_text' });
    expect(parseTaskCell('name', '\udc00', ctx)).toMatchObject({ ok: false, reason: 'ill_formed_text' });
    expect(parseTaskCell('notes', '🎉', ctx)).toEqual({ ok: true, value: '🎉' });
  });

  test('a project file holding a lone surrogate (UTF-8 or UTF-16) is refused; a real U+FFFD is read', () => {
    const dir = tempDir();
    const source = openApp();
    const seeded = seedEveryTable(source);
    const genuine = join(dir, 'genuine.ctproj');
    exportProject(source, seeded.projectId, genuine);

    // Written by another program into the file as it is (UTF-8: stored as invalid bytes).
    const raw = new Database(genuine);
    raw.prepare('UPDATE tasks SET notes = ? WHERE id = ?').run('坏\ud800字', seeded.tasks.a);
    raw.close();
    expect(refusal(() => readProjectFile(genuine))).toMatchObject({
      code: 'file_refused',
      reason: 'invalid_content',
      problems: [{ path: ['tasks', 'notes'], reason: 'ill_formed_text' }],
    });

    // In a UTF-16 file the text is UTF-16 bytes: "a", a lone high surrogate, "b".
    const loneIn = { 'UTF-16le': '610000D86200', 'UTF-16be': '0061D8000062' } as const;
    for (const encoding of ['UTF-16le', 'UTF-16be'] as const) {
      const file = join(dir, `${encoding}.ctproj`);
      writeProjectFileByHand(exportCopy(source, seeded.projectId), file, { encoding });
      expect(readProjectFile(file).bundle.info.projectId).toBe(seeded.projectId); // genuine: read
      const db = new Database(file);
      db.prepare(`UPDATE tasks SET name = CAST(X'${loneIn[encoding]}' AS TEXT) WHERE id = ?`).run(
        seeded.tasks.b,
      );
      db.close();
      expect(
        refusal(() => readProjectFile(file)),
        encoding,
      ).toMatchObject({
        reason: 'invalid_content',
        problems: [{ path: ['tasks', 'name'], reason: 'ill_formed_text' }],
      });
    }

    // A real replacement character is well-formed text: read back as it is.
    const withFffd = join(dir, 'fffd.ctproj');
    source.ok('tasks.update', { id: seeded.tasks.c, patch: { notes: '乱码\uFFFD示例' } });
    exportProject(source, seeded.projectId, withFffd);
    const read = readProjectFile(withFffd);
    expect(read.bundle.tables.tasks!.find((t) => t.id === seeded.tasks.c)!.notes).toBe('乱码\uFFFD示例');
  });
});
