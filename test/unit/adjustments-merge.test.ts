/**
 * Adjustments across copies of a project (two installations, each its own database file): a
 * module owner submits in her copy, the overall owner merges, approves and applies in his, the
 * decision and the plan changes come back by merge; an applied adjustment cannot be applied again;
 * two decisions in two copies are a conflict; a decision from an installation not matched to the
 * owner is shown unverified until the owner confirms it.
 */
import { describe, expect, test } from 'vitest';
import { query, type App } from '../helpers/app';
import { logicalHash } from '../helpers/db';
import { exportCopy, foreignKeyProblems, mergeCopy, plan, receive } from '../helpers/installations';
import { openApp } from '../helpers/app';
import { campaign, WAN } from '../helpers/campaign';
import { seedEveryTable } from '../helpers/project-files';
import { asNewCopy } from '../../src-main/project-file/copy';
import { insertBundle } from '../../src-main/project-file/insert';
import { REFERENCES } from '../../src-main/sync/merge';

function twoCopies() {
  const a = openApp(); // 王经理's laptop
  const c = campaign(a);
  a.ok('identity.setName', { name: '王经理的电脑' });
  a.ok('identity.match', { projectId: c.projectId, personId: c.boss });
  const b = receive(exportCopy(a, c.projectId)); // 李内容's laptop
  b.ok('identity.setName', { name: '李内容的电脑' });
  b.ok('identity.match', { projectId: c.projectId, personId: c.li });
  return { a, b, c };
}

const row = (app: App, id: string) =>
  query<Record<string, unknown>>(
    app.file,
    'SELECT status, decided_by_id, decided_replica_name, applied_on FROM adjustments WHERE id = ?',
    id,
  )[0];
const moduleBudget = (app: App, id: string) =>
  query<{ b: number | null }>(app.file, 'SELECT budget_fen AS b FROM modules WHERE id = ?', id)[0]!.b;

describe('an adjustment across two copies', () => {
  test('submitted in B, merged, approved and applied in A, merged back into B: B shows 已实施 and the new budget', () => {
    const { a, b, c } = twoCopies();
    const draft = b.ok('adjustments.create', {
      projectId: c.projectId,
      values: {
        title: '追加直播带货预算',
        moduleId: c.social,
        changes: [{ kind: 'module_budget', moduleId: c.social, deltaFen: 90 * WAN }], // 90万 > 80万: major
      },
    });
    expect(draft).toMatchObject({ major: true, proposerName: '李内容' });
    b.ok('adjustments.submit', { id: draft.id, today: '2024-06-14', comment: '请王经理审批' });
    // Only the owner decides: 李内容 cannot approve her own.
    expect(b.fail('adjustments.approve', { id: draft.id, today: '2024-06-14' })).toMatchObject({
      reason: 'not_overall_owner',
    });

    mergeCopy(a, c.projectId, exportCopy(b, c.projectId));
    expect(row(a, draft.id)).toMatchObject({ status: 'submitted' });
    const inA = a.ok('adjustments.get', { id: draft.id });
    expect(inA.history.map((h) => [h.action, h.personName, h.replicaName])).toEqual([
      ['submit', '李内容', '李内容的电脑'],
    ]);
    expect(inA.can).toMatchObject({ decide: true, apply: false });
    a.ok('adjustments.approve', { id: draft.id, today: '2024-06-17', comment: '同意' });
    a.ok('adjustments.apply', { id: draft.id, today: '2024-06-18' });
    expect(moduleBudget(a, c.social)).toBe(290 * WAN); // its tasks' 200万 + 90万

    mergeCopy(b, c.projectId, exportCopy(a, c.projectId));
    expect(row(b, draft.id)).toEqual({
      status: 'applied',
      decided_by_id: c.boss,
      decided_replica_name: '王经理的电脑',
      applied_on: '2024-06-18',
    });
    expect(moduleBudget(b, c.social)).toBe(290 * WAN);
    expect(foreignKeyProblems(b)).toEqual([]);
    const inB = b.ok('adjustments.get', { id: draft.id });
    // The decision came from the owner's installation (its match travelled with the file).
    expect(inB.decision).toMatchObject({
      outcome: 'approved',
      personName: '王经理',
      verified: true,
      local: false,
    });
    expect(inB.history.map((h) => `${h.action}:${h.replicaName}`)).toEqual([
      'submit:李内容的电脑',
      'approve:王经理的电脑',
      'apply:王经理的电脑',
    ]);
    // Applied in A: B cannot apply it again, and nothing is written trying.
    const before = logicalHash(b.file);
    expect(b.fail('adjustments.apply', { id: draft.id, today: '2024-06-19' })).toMatchObject({
      reason: 'already_applied',
    });
    expect(logicalHash(b.file)).toBe(before);
    // B's summary of Table 1 shows it (in progress until evaluated).
    expect(b.ok('feedback.summary', { projectId: c.projectId }).modules[0]!.adjustments).toEqual([
      { id: draft.id, label: '追加直播带货预算', status: 'applied' },
    ]);
  });

  test('two decisions on the same adjustment in two copies are a conflict like any other', () => {
    const { a, b, c } = twoCopies();
    const adj = a.ok('adjustments.create', { projectId: c.projectId, values: { title: '聚焦核心商圈' } });
    a.ok('adjustments.submit', { id: adj.id, today: '2024-06-14' });
    // The owner's second laptop (B matched to the owner too) has the submitted adjustment.
    mergeCopy(b, c.projectId, exportCopy(a, c.projectId));
    b.ok('identity.match', { projectId: c.projectId, personId: c.boss });
    a.ok('adjustments.approve', { id: adj.id, today: '2024-06-17', comment: '同意' });
    b.ok('adjustments.reject', { id: adj.id, today: '2024-06-17', comment: '先别改' });

    const merge = plan(a, c.projectId, exportCopy(b, c.projectId));
    const onAdjustment = merge.conflicts.filter((x) => x.table === 'adjustments');
    expect(onAdjustment.map((x) => [x.column, x.mine, x.theirs])).toEqual(
      expect.arrayContaining([
        ['status', 'approved', 'rejected'],
        ['decision_comment', '同意', '先别改'],
      ]),
    );
    expect(onAdjustment.every((x) => x.label === '聚焦核心商圈')).toBe(true);
    // Theirs chosen for every question: rejected, with B's decision.
    mergeCopy(
      a,
      c.projectId,
      exportCopy(b, c.projectId),
      Object.fromEntries(merge.conflicts.map((x) => [x.id, 'theirs'])),
    );
    expect(query(a.file, 'SELECT status, decision_comment FROM adjustments WHERE id = ?', adj.id)).toEqual([
      { status: 'rejected', decision_comment: '先别改' },
    ]);
    // The trail keeps both decisions.
    expect(
      a
        .ok('adjustments.get', { id: adj.id })
        .history.map((h) => h.action)
        .sort(),
    ).toEqual(['approve', 'reject', 'submit']);
  });

  test('a decision by an installation not matched to the owner is shown as such until the owner confirms it', () => {
    const { a, b, c } = twoCopies();
    const adj = a.ok('adjustments.create', {
      projectId: c.projectId,
      values: {
        title: '追加预算',
        changes: [{ kind: 'module_budget', moduleId: c.social, deltaFen: 100 * WAN }],
      },
    });
    a.ok('adjustments.submit', { id: adj.id, today: '2024-06-14' });
    mergeCopy(b, c.projectId, exportCopy(a, c.projectId));
    // In B someone claims to be the owner, approves, then goes back to being 李内容.
    b.ok('identity.match', { projectId: c.projectId, personId: c.boss });
    b.ok('adjustments.approve', { id: adj.id, today: '2024-06-15', comment: '我批了' });
    b.ok('identity.match', { projectId: c.projectId, personId: c.li });
    mergeCopy(a, c.projectId, exportCopy(b, c.projectId));

    const seen = a.ok('adjustments.get', { id: adj.id });
    expect(seen.status).toBe('approved');
    expect(seen.decision).toMatchObject({ replicaName: '李内容的电脑', verified: false, local: false });
    expect(seen.can).toMatchObject({ apply: false, confirmDecision: true });
    const before = logicalHash(a.file);
    expect(a.fail('adjustments.apply', { id: adj.id, today: '2024-06-18' })).toMatchObject({
      reason: 'approval_unverified',
    });
    expect(logicalHash(a.file)).toBe(before);
    // B (not the owner) cannot confirm it.
    expect(
      b.fail('adjustments.confirmDecision', { id: adj.id, today: '2024-06-18', confirm: true }),
    ).toMatchObject({
      reason: 'not_overall_owner',
    });

    a.ok('adjustments.confirmDecision', { id: adj.id, today: '2024-06-18', confirm: true, comment: '确认' });
    expect(a.ok('adjustments.get', { id: adj.id }).decision).toMatchObject({ verified: true });
    a.ok('adjustments.apply', { id: adj.id, today: '2024-06-18' });
    expect(moduleBudget(a, c.social)).toBe(300 * WAN);
    expect(
      a.fail('adjustments.confirmDecision', { id: adj.id, today: '2024-06-18', confirm: true }),
    ).toMatchObject({ reason: 'decision_verified' });
  });

  test('the owner may overturn an unverified approval: it becomes his rejection', () => {
    const { a, b, c } = twoCopies();
    const adj = a.ok('adjustments.create', { projectId: c.projectId, values: { title: '换主播' } });
    a.ok('adjustments.submit', { id: adj.id, today: '2024-06-14' });
    mergeCopy(b, c.projectId, exportCopy(a, c.projectId));
    b.ok('identity.match', { projectId: c.projectId, personId: c.boss });
    b.ok('adjustments.approve', { id: adj.id, today: '2024-06-15' });
    b.ok('identity.match', { projectId: c.projectId, personId: null });
    mergeCopy(a, c.projectId, exportCopy(b, c.projectId));
    expect(
      a.fail('adjustments.confirmDecision', { id: adj.id, today: '2024-06-18', confirm: false }),
    ).toMatchObject({
      reason: 'comment_required',
    });
    const overturned = a.ok('adjustments.confirmDecision', {
      id: adj.id,
      today: '2024-06-18',
      confirm: false,
      comment: '未经我批准',
    });
    expect(overturned).toMatchObject({
      status: 'rejected',
      decision: { outcome: 'rejected', personName: '王经理', verified: true, comment: '未经我批准' },
    });
  });
});

describe('records of steps 四 and 五 in copies', () => {
  test('the same gap turned into 数据反馈 in both copies is one record after the merge', () => {
    const { a, b, c } = twoCopies();
    const key = `metric_behind:${c.conversion}`;
    const mine = a.ok('feedback.fromAttention', {
      projectId: c.projectId,
      key,
      today: '2024-06-10',
    }).feedback;
    const theirs = b.ok('feedback.fromAttention', {
      projectId: c.projectId,
      key,
      today: '2024-06-11',
    }).feedback;
    expect(mine.id).not.toBe(theirs.id);
    // Other feedback (no gap key) is never matched: both stay.
    a.ok('feedback.create', {
      projectId: c.projectId,
      values: { source: 'internal', receivedOn: '2024-06-10', content: 'A 的反馈' },
    });
    b.ok('feedback.create', {
      projectId: c.projectId,
      values: { source: 'internal', receivedOn: '2024-06-10', content: 'B 的反馈' },
    });
    // Matched as one record: the only question is the date each side recorded it on.
    const merge = plan(a, c.projectId, exportCopy(b, c.projectId));
    expect(merge.conflicts.map((x) => [x.table, x.column, x.mine, x.theirs])).toEqual([
      ['feedback', 'received_on', '2024-06-10', '2024-06-11'],
    ]);
    mergeCopy(a, c.projectId, exportCopy(b, c.projectId), { [merge.conflicts[0]!.id]: 'mine' });
    expect(query(a.file, 'SELECT received_on FROM feedback WHERE gap_key = ?', key)).toEqual([
      { received_on: '2024-06-10' },
    ]);
    expect(query(a.file, 'SELECT content FROM feedback WHERE gap_key IS NULL ORDER BY content')).toEqual([
      { content: 'A 的反馈' },
      { content: 'B 的反馈' },
    ]);
    expect(foreignKeyProblems(a)).toEqual([]);
  });

  test('import as a copy: every record and link of steps 四 and 五 gets a new id inside the copy', () => {
    const app = openApp();
    const seeded = seedEveryTable(app);
    const copy = asNewCopy(exportCopy(app, seeded.projectId), '副本');
    insertBundle(app.db, copy);
    const copyId = copy.info.projectId;
    for (const table of [
      'issues',
      'feedback',
      'root_causes',
      'adjustments',
      'adjustment_changes',
      'adjustment_events',
    ]) {
      const n = (pid: string) =>
        query<{ n: number }>(app.file, `SELECT count(*) AS n FROM ${table} WHERE project_id = ?`, pid)[0]!.n;
      expect(n(copyId), table).toBe(n(seeded.projectId));
      expect(n(copyId), table).toBeGreaterThan(0);
    }
    // Every reference of a row of the copy names a row of the copy.
    for (const ref of REFERENCES) {
      // Rows without a project id of their own are reached through their parent (tested elsewhere).
      if (['task_links', 'metric_actuals', 'module_snapshots', 'task_checkins'].includes(ref.table)) continue;
      const outside = query<{ n: number }>(
        app.file,
        `SELECT count(*) AS n FROM ${ref.table} r JOIN ${ref.parent} p ON p.id = r.${ref.column}
          WHERE r.${ref.table === 'projects' ? 'id' : 'project_id'} = ? AND p.${ref.parent === 'projects' ? 'id' : 'project_id'} <> ?`,
        copyId,
        copyId,
      );
      expect(outside[0]!.n, `${ref.table}.${ref.column}`).toBe(0);
    }
    expect(foreignKeyProblems(app)).toEqual([]);
  });
});
