/** Lessons travel with a project file and merge field by field, like every project table. */
import { expect, test } from 'vitest';
import { openApp, query } from '../helpers/app';
import { exportCopy, mergeCopy, plan, receive } from '../helpers/installations';

function twoCopies() {
  const A = openApp();
  const pid = A.ok('projects.create', { name: '双11' }).id;
  const lesson = A.ok('lessons.create', {
    projectId: pid,
    values: { kind: 'failure', text: '主播选品太晚', channel: '抖音' },
  }).id;
  const B = receive(exportCopy(A, pid));
  return { A, B, pid, lesson };
}

test('different fields of one lesson changed on each side: both arrive, no question', () => {
  const { A, B, pid, lesson } = twoCopies();
  A.ok('lessons.update', { id: lesson, patch: { audience: '宝妈' } });
  B.ok('lessons.update', { id: lesson, patch: { tactic: '直播带货' } });
  const added = B.ok('lessons.create', {
    projectId: pid,
    values: { kind: 'success', text: '短视频引流有效' },
  }).id;
  expect(plan(A, pid, exportCopy(B, pid)).conflicts).toEqual([]);
  mergeCopy(A, pid, exportCopy(B, pid));
  expect(query(A.file, 'SELECT audience, tactic, channel FROM lessons WHERE id = ?', lesson)).toEqual([
    { audience: '宝妈', tactic: '直播带货', channel: '抖音' },
  ]);
  expect(query(A.file, 'SELECT text FROM lessons WHERE id = ?', added)).toEqual([{ text: '短视频引流有效' }]);
});

test('the same field changed on both sides is one conflict, settled as chosen', () => {
  const { A, B, pid, lesson } = twoCopies();
  A.ok('lessons.update', { id: lesson, patch: { text: 'A的说法' } });
  B.ok('lessons.update', { id: lesson, patch: { text: 'B的说法' } });
  const conflicts = plan(A, pid, exportCopy(B, pid)).conflicts;
  expect(conflicts).toHaveLength(1);
  expect(conflicts[0]).toMatchObject({
    table: 'lessons',
    column: 'text',
    mine: 'A的说法',
    theirs: 'B的说法',
  });
  mergeCopy(A, pid, exportCopy(B, pid), { [conflicts[0]!.id]: 'theirs' });
  expect(query(A.file, 'SELECT text FROM lessons WHERE id = ?', lesson)).toEqual([{ text: 'B的说法' }]);
});
