/**
 * Steps 四 and 五 through the router against a real SQLite file, values read back from the file:
 * the whole chain (issue → 数据反馈 from a gap → root cause → major adjustment → submit → approve
 * → apply → undo/redo → evaluate), every refusal with its reason and nothing written, the
 * "major" rules by hand calculation, and the status trail.
 */
import { describe, expect, test } from 'vitest';
import { openApp, query, type App } from '../helpers/app';
import { logicalHash } from '../helpers/db';
import { campaign } from '../helpers/campaign';

const WAN = 1_000_000; // 1万元 in fen

const moduleBudget = (app: App, id: string) =>
  query<{ b: number | null }>(app.file, 'SELECT budget_fen AS b FROM modules WHERE id = ?', id)[0]!.b;
const taskBudget = (app: App, id: string) =>
  query<{ b: number | null }>(app.file, 'SELECT budget_fen AS b FROM tasks WHERE id = ?', id)[0]!.b;
const statusOf = (app: App, id: string) =>
  query<{ s: string }>(app.file, 'SELECT status AS s FROM adjustments WHERE id = ?', id)[0]!.s;
const trail = (app: App, id: string) =>
  query<{ action: string; from_status: string; to_status: string; person_name: string | null }>(
    app.file,
    'SELECT action, from_status, to_status, person_name FROM adjustment_events WHERE adjustment_id = ? ORDER BY created_at, id',
    id,
  ).map((e) => `${e.action}:${e.from_status}→${e.to_status}:${e.person_name ?? '-'}`);

/** Calls a channel that must be refused, and checks that the file did not change at all. */
function refusedUnchanged(app: App, channel: Parameters<App['fail']>[0], payload: unknown) {
  const before = logicalHash(app.file);
  const error = app.fail(channel, payload);
  expect(logicalHash(app.file), `${channel} wrote something while refusing`).toBe(before);
  return error;
}

describe('the whole chain', () => {
  test('issue → 数据反馈 from the gap → root cause → major adjustment → submit → approve → apply → undo/redo → evaluate', () => {
    const app = openApp();
    const c = campaign(app);
    app.ok('identity.match', { projectId: c.projectId, personId: c.boss });

    // 执行问题记录表.
    const issue = app.ok('issues.create', {
      projectId: c.projectId,
      values: {
        title: '电商渠道转化率低于预期(目标5%,实际3%)',
        reportedOn: '2024-06-05',
        reporterId: c.li,
        moduleId: c.social,
        taskId: c.live,
        category: '流程卡点',
        supportNeeded: '设计组支持',
        severity: 'high',
        ownerId: c.li,
      },
    });
    expect(
      query(app.file, 'SELECT title, status, severity, module_id FROM issues WHERE id = ?', issue.id),
    ).toEqual([
      {
        title: '电商渠道转化率低于预期(目标5%,实际3%)',
        status: 'open',
        severity: 'high',
        module_id: c.social,
      },
    ]);
    expect(issue).toMatchObject({
      reporterName: '李内容',
      moduleName: '社交媒体推广',
      taskLabel: 'M001 直播带货',
    });

    // The 转化率 gap of the attention list becomes 数据反馈, once.
    const key = `metric_behind:${c.conversion}`;
    const attention = app.ok('dashboard.get', { projectId: c.projectId, today: '2024-06-10' }).attention;
    expect(attention.map((a) => a.key)).toContain(key);
    const first = app.ok('feedback.fromAttention', {
      projectId: c.projectId,
      key,
      today: '2024-06-10',
      content: '转化率落后',
    });
    expect(first.created).toBe(true);
    // target 5%, actual 3%: (3 − 5) / 5 = −40 %.
    expect(
      query(
        app.file,
        'SELECT source, gap_key, metric_id, target_c, actual_c, gap_pct, received_on FROM feedback',
      ),
    ).toEqual([
      {
        source: 'data',
        gap_key: key,
        metric_id: c.conversion,
        target_c: 500,
        actual_c: 300,
        gap_pct: -40,
        received_on: '2024-06-10',
      },
    ]);
    const again = refusedOrSame(app, c.projectId, key);
    expect(again).toEqual({ created: false, id: first.feedback.id });
    expect(
      app.fail('feedback.fromAttention', {
        projectId: c.projectId,
        key: 'metric_behind:nope',
        today: '2024-06-10',
      }),
    ).toMatchObject({ code: 'not_found', reason: 'attention_not_found' });

    // Root cause explaining the issue and the gap.
    const cause = app.ok('causes.create', {
      projectId: c.projectId,
      values: {
        title: '详情页卖点不突出',
        category: '素材吸引力不足',
        analysis: '为什么转化低?跳失高。为什么?首屏没讲清卖点。',
        issueIds: [issue.id],
        feedbackIds: [first.feedback.id],
      },
    });
    expect(query(app.file, 'SELECT root_cause_id, issue_id FROM cause_issue_links')).toEqual([
      { root_cause_id: cause.id, issue_id: issue.id },
    ]);

    // A major adjustment: +50万 on the module and +40万 on 直播带货 = 90万 > 10 % of 800万 (80万).
    const adjustment = app.ok('adjustments.create', {
      projectId: c.projectId,
      values: {
        title: '优化详情页产品卖点展示,追加直播带货预算',
        moduleId: c.social,
        ownerId: c.li,
        deadline: '2024-06-30',
        expectedMetricId: c.conversion,
        expectedValueC: 450,
        expectedBy: '2024-07-15',
        issueIds: [issue.id],
        feedbackIds: [first.feedback.id],
        rootCauseIds: [cause.id],
        changes: [
          { kind: 'module_budget', moduleId: c.social, deltaFen: 50 * WAN },
          { kind: 'task_budget', taskId: c.live, deltaFen: 40 * WAN },
        ],
      },
    });
    expect(adjustment).toMatchObject({
      status: 'draft',
      major: true,
      majorReasons: ['budget_over_pct'],
      budgetChangeFen: 90 * WAN,
      budgetBaseFen: 800 * WAN,
      proposerName: '王经理',
      rootCauses: [{ id: cause.id, label: '详情页卖点不突出' }],
    });
    // Before applying, each change shows what it would change from: the module's 200万 (its tasks).
    expect(adjustment.changes.map((ch) => [ch.kind, ch.beforeFen, ch.deltaFen])).toEqual([
      ['module_budget', 200 * WAN, 50 * WAN],
      ['task_budget', 80 * WAN, 40 * WAN],
    ]);
    // The links show both ways.
    expect(app.ok('issues.list', { projectId: c.projectId })[0]!.adjustments).toEqual([
      { id: adjustment.id, label: adjustment.title, status: 'draft' },
    ]);

    const apply = { id: adjustment.id, today: '2024-06-18' };
    expect(refusedUnchanged(app, 'adjustments.apply', apply)).toMatchObject({
      code: 'conflict',
      reason: 'not_approved',
    });

    app.ok('adjustments.submit', { id: adjustment.id, today: '2024-06-14', comment: '请审批' });
    expect(statusOf(app, adjustment.id)).toBe('submitted');
    expect(refusedUnchanged(app, 'adjustments.apply', apply)).toMatchObject({ reason: 'not_approved' });

    // Approval by someone else than the 总负责人 is refused, naming the owner.
    app.ok('identity.match', { projectId: c.projectId, personId: c.li });
    expect(
      refusedUnchanged(app, 'adjustments.approve', {
        id: adjustment.id,
        today: '2024-06-17',
        comment: '同意',
      }),
    ).toEqual({
      code: 'conflict',
      reason: 'not_overall_owner',
      path: ['id'],
      params: { owner: '王经理', me: '李内容' },
    });
    app.ok('identity.match', { projectId: c.projectId, personId: null });
    expect(
      refusedUnchanged(app, 'adjustments.approve', { id: adjustment.id, today: '2024-06-17' }),
    ).toMatchObject({ code: 'conflict', reason: 'identity_not_matched' });
    app.ok('identity.match', { projectId: c.projectId, personId: c.boss });
    expect(
      refusedUnchanged(app, 'adjustments.reject', { id: adjustment.id, today: '2024-06-17', comment: '  ' }),
    ).toMatchObject({
      code: 'invalid_input',
      reason: 'comment_required',
    });

    const approved = app.ok('adjustments.approve', {
      id: adjustment.id,
      today: '2024-06-17',
      comment: '同意,预算从市场费用中调剂',
    });
    expect(approved.decision).toMatchObject({
      outcome: 'approved',
      date: '2024-06-17',
      comment: '同意,预算从市场费用中调剂',
      personName: '王经理',
      verified: true,
      local: true,
    });
    expect(
      query(
        app.file,
        'SELECT status, decided_on, decided_by_id, decision_comment FROM adjustments WHERE id = ?',
        adjustment.id,
      ),
    ).toEqual([
      {
        status: 'approved',
        decided_on: '2024-06-17',
        decided_by_id: c.boss,
        decision_comment: '同意,预算从市场费用中调剂',
      },
    ]);

    // Apply: the plan changes in the file, in one step.
    const applied = app.ok('adjustments.apply', apply);
    expect(statusOf(app, adjustment.id)).toBe('applied');
    expect(moduleBudget(app, c.social)).toBe(250 * WAN); // 200万 + 50万
    expect(taskBudget(app, c.live)).toBe(120 * WAN); // 80万 + 40万
    expect(applied.changes.map((ch) => ch.beforeFen)).toEqual([200 * WAN, 80 * WAN]);
    expect(query(app.file, 'SELECT before_fen FROM adjustment_changes ORDER BY position')).toEqual([
      { before_fen: 200 * WAN },
      { before_fen: 80 * WAN },
    ]);
    // The dashboard plans the module with its own budget now.
    const dash = app.ok('dashboard.get', { projectId: c.projectId, today: '2024-06-18' });
    expect(dash.modules.find((m) => m.id === c.social)!.plannedFen).toBe(250 * WAN);
    expect(app.ok('history.state', { projectId: c.projectId }).undo).toBe('adjustments.apply');

    // One undo restores the plan and the status; the trail keeps the apply and adds its undoing.
    app.ok('history.undo', { projectId: c.projectId });
    expect(moduleBudget(app, c.social)).toBeNull();
    expect(taskBudget(app, c.live)).toBe(80 * WAN);
    expect(statusOf(app, adjustment.id)).toBe('approved');
    expect(trail(app, adjustment.id)).toEqual([
      'submit:draft→submitted:王经理',
      'approve:submitted→approved:王经理',
      'apply:approved→applied:王经理',
      'undo:applied→approved:王经理',
    ]);
    app.ok('history.redo', { projectId: c.projectId });
    expect(moduleBudget(app, c.social)).toBe(250 * WAN);
    expect(taskBudget(app, c.live)).toBe(120 * WAN);
    expect(statusOf(app, adjustment.id)).toBe('applied');
    expect(trail(app, adjustment.id).slice(-2)).toEqual([
      'undo:applied→approved:王经理',
      'redo:approved→applied:王经理',
    ]);

    // Applied once: never twice.
    expect(refusedUnchanged(app, 'adjustments.apply', apply)).toMatchObject({
      code: 'conflict',
      reason: 'already_applied',
    });
    expect(
      refusedUnchanged(app, 'adjustments.update', { id: adjustment.id, patch: { title: '改名' } }),
    ).toMatchObject({
      reason: 'adjustment_locked',
    });
    expect(refusedUnchanged(app, 'adjustments.delete', { id: adjustment.id })).toMatchObject({
      reason: 'adjustment_applied',
    });

    // Effect review: 转化率 recovers to 4.6% in the next period; read from the metric.
    app.ok('actuals.upsert', {
      metricId: c.conversion,
      periodStart: '2024-06-24',
      periodEnd: '2024-06-30',
      valueC: 460,
    });
    const evaluated = app.ok('adjustments.evaluate', {
      id: adjustment.id,
      today: '2024-07-01',
      note: '接近预期4.5%',
    });
    expect(evaluated).toMatchObject({
      status: 'evaluated',
      actualValueC: 460,
      expectedValueC: 450,
      effectNote: '接近预期4.5%',
    });
    expect(
      query(
        app.file,
        'SELECT status, actual_value_c, evaluated_on FROM adjustments WHERE id = ?',
        adjustment.id,
      ),
    ).toEqual([{ status: 'evaluated', actual_value_c: 460, evaluated_on: '2024-07-01' }]);

    // The printable 策略调整审批表: the plan's header and the adjustment with its decision and trail.
    const form = app.ok('adjustments.form', { id: adjustment.id });
    expect(form).toMatchObject({
      projectName: '2024夏季新品推广',
      overallOwnerName: '王经理',
      projectBudgetFen: 800 * WAN,
      adjustment: {
        id: adjustment.id,
        status: 'evaluated',
        decision: { outcome: 'approved', personName: '王经理' },
      },
    });
    expect(form.adjustment.history.map((h) => h.action)).toEqual([
      'submit',
      'approve',
      'apply',
      'undo',
      'redo',
      'evaluate',
    ]);
    // Deleting what others link to is refused, naming them.
    const linked = refusedUnchanged(app, 'issues.delete', { id: issue.id });
    expect(linked).toMatchObject({
      code: 'conflict',
      reason: 'linked',
      params: { count: 2, names: '详情页卖点不突出、优化详情页产品卖点展示,追加直播带货预算' },
    });
    expect(linked.problems).toEqual([
      {
        path: ['root_causes', cause.id],
        reason: 'linked_from',
        params: { table: 'root_causes', id: cause.id, label: '详情页卖点不突出' },
      },
      {
        path: ['adjustments', adjustment.id],
        reason: 'linked_from',
        params: { table: 'adjustments', id: adjustment.id, label: '优化详情页产品卖点展示,追加直播带货预算' },
      },
    ]);
    expect(refusedUnchanged(app, 'causes.delete', { id: cause.id })).toMatchObject({
      reason: 'linked',
      params: { count: 1 },
    });
    expect(refusedUnchanged(app, 'feedback.delete', { id: first.feedback.id })).toMatchObject({
      reason: 'linked',
      params: { count: 2 },
    });
    // Unlinked first, it goes.
    app.ok('causes.update', { id: cause.id, patch: { issueIds: [] } });
    expect(app.ok('issues.list', { projectId: c.projectId })[0]!.rootCauses).toEqual([]);
    expect(app.fail('issues.delete', { id: issue.id })).toMatchObject({ params: { count: 1 } });
  });
});

/** feedback.fromAttention a second time: the record made the first time, nothing new. */
function refusedOrSame(app: App, projectId: string, key: string) {
  const before = logicalHash(app.file);
  const second = app.ok('feedback.fromAttention', { projectId, key, today: '2024-06-17' });
  expect(logicalHash(app.file)).toBe(before);
  return { created: second.created, id: second.feedback.id };
}

describe('major or minor, by hand', () => {
  const judged = (app: App, projectId: string, changes: unknown[]) =>
    app.ok('adjustments.create', { projectId, values: { title: '调整', changes: changes as never } });

  test('the budget rule: strictly more than 10 % of the 预算, changes added as absolute values', () => {
    const app = openApp();
    const c = campaign(app);
    const budget = (deltaFen: number, kind = 'module_budget') =>
      kind === 'module_budget' ? { kind, moduleId: c.social, deltaFen } : { kind, taskId: c.live, deltaFen };
    // 800万 × 10 % = 80万.
    expect(judged(app, c.projectId, [budget(50 * WAN), budget(40 * WAN, 'task_budget')])).toMatchObject({
      major: true,
      budgetChangeFen: 90 * WAN,
    });
    expect(judged(app, c.projectId, [budget(80 * WAN)])).toMatchObject({
      major: false,
      majorReasons: [],
      budgetChangeFen: 80 * WAN,
    });
    expect(judged(app, c.projectId, [budget(80 * WAN + 1)])).toMatchObject({
      major: true,
      majorReasons: ['budget_over_pct'],
    });
    // Moving 50万 from one place to another changes 100万 of budget.
    expect(judged(app, c.projectId, [budget(-50 * WAN), budget(50 * WAN, 'task_budget')])).toMatchObject({
      major: true,
      budgetChangeFen: 100 * WAN,
    });
    // A new task's budget counts too: 81万.
    expect(
      judged(app, c.projectId, [{ kind: 'new_task', newName: '加场直播', newBudgetFen: 81 * WAN }]),
    ).toMatchObject({
      major: true,
    });
    // Rules are the owner's: 20 % makes 90万 minor; off makes any budget minor.
    app.ok('feedbackSettings.update', { projectId: c.projectId, patch: { majorRules: { budgetPct: 20 } } });
    expect(judged(app, c.projectId, [budget(90 * WAN)])).toMatchObject({ major: false });
    expect(judged(app, c.projectId, [budget(160 * WAN + 1)])).toMatchObject({ major: true });
    app.ok('feedbackSettings.update', { projectId: c.projectId, patch: { majorRules: { budgetPct: null } } });
    expect(judged(app, c.projectId, [budget(500 * WAN)])).toMatchObject({ major: false });
    // Without a 预算, the tasks' budgets are the base: 200万 × 10 % = 20万.
    app.ok('feedbackSettings.update', { projectId: c.projectId, patch: { majorRules: { budgetPct: 10 } } });
    app.ok('projects.update', { id: c.projectId, patch: { budgetFen: null } });
    expect(judged(app, c.projectId, [budget(20 * WAN)])).toMatchObject({
      major: false,
      budgetBaseFen: 200 * WAN,
    });
    expect(judged(app, c.projectId, [budget(20 * WAN + 1)])).toMatchObject({ major: true });
  });

  test('the end date and goal rules; a minor adjustment goes straight to implementation', () => {
    const app = openApp();
    const c = campaign(app);
    const later = judged(app, c.projectId, [{ kind: 'project_end', newEnd: '2024-08-15' }]);
    expect(later).toMatchObject({ major: true, majorReasons: ['end_date_moved'] });
    expect(judged(app, c.projectId, [{ kind: 'project_end', newEnd: '2024-07-31' }])).toMatchObject({
      major: false,
    });
    expect(
      judged(app, c.projectId, [{ kind: 'metric_target', metricId: c.sales, newTargetC: 9_000_000 }]),
    ).toMatchObject({
      major: true,
      majorReasons: ['goal_target_changed'],
    });
    // 转化率 is not linked to the goal.
    const minor = judged(app, c.projectId, [
      { kind: 'metric_target', metricId: c.conversion, newTargetC: 450 },
      { kind: 'task_dates', taskId: c.live, newEnd: '2024-07-25' },
      { kind: 'task_owner', taskId: c.notes, newOwnerId: c.boss },
      {
        kind: 'new_task',
        newName: '详情页改版',
        moduleId: c.social,
        newBudgetFen: 5 * WAN,
        newOwnerId: c.li,
      },
    ]);
    expect(minor).toMatchObject({ major: false, can: { apply: true } });
    app.ok('adjustments.apply', { id: minor.id, today: '2024-06-18' });
    expect(query(app.file, 'SELECT target_c FROM metrics WHERE id = ?', c.conversion)).toEqual([
      { target_c: 450 },
    ]);
    expect(
      query(
        app.file,
        'SELECT end_date, owner_id FROM tasks WHERE id IN (?, ?) ORDER BY position',
        c.live,
        c.notes,
      ),
    ).toEqual([
      { end_date: '2024-07-25', owner_id: c.li },
      { end_date: null, owner_id: c.boss },
    ]);
    const created = query<{ created_task_id: string }>(
      app.file,
      "SELECT created_task_id FROM adjustment_changes WHERE kind = 'new_task' AND adjustment_id = ?",
      minor.id,
    )[0]!.created_task_id;
    expect(
      query(app.file, 'SELECT code, name, budget_fen, module_id FROM tasks WHERE id = ?', created),
    ).toEqual([{ code: 'M003', name: '详情页改版', budget_fen: 5 * WAN, module_id: c.social }]);
    // Once applied, the judgement stays (the values replaced are the reference).
    expect(app.ok('adjustments.get', { id: minor.id })).toMatchObject({ major: false, status: 'applied' });
    const end = app.ok('adjustments.get', { id: later.id });
    app.ok('identity.match', { projectId: c.projectId, personId: c.boss });
    app.ok('adjustments.submit', { id: end.id, today: '2024-06-18' });
    app.ok('adjustments.approve', { id: end.id, today: '2024-06-18' });
    app.ok('adjustments.apply', { id: end.id, today: '2024-06-18' });
    expect(query(app.file, 'SELECT end_date FROM projects')).toEqual([{ end_date: '2024-08-15' }]);
    expect(app.ok('adjustments.get', { id: end.id })).toMatchObject({
      major: true,
      majorReasons: ['end_date_moved'],
    });
  });

  test('applying refuses a budget below zero, a deleted target, a rejected adjustment; nothing written', () => {
    const app = openApp();
    const c = campaign(app);
    // Minor by the rules (the budget rule off), so applying needs no approval.
    app.ok('feedbackSettings.update', { projectId: c.projectId, patch: { majorRules: { budgetPct: null } } });
    const below = judged(app, c.projectId, [
      { kind: 'task_budget', taskId: c.notes, deltaFen: 10 * WAN },
      { kind: 'task_budget', taskId: c.live, deltaFen: -81 * WAN },
    ]);
    expect(refusedUnchanged(app, 'adjustments.apply', { id: below.id, today: '2024-06-18' })).toMatchObject({
      reason: 'budget_below_zero',
      params: { kind: 'task_budget', name: 'M001 直播带货' },
    });
    const gone = judged(app, c.projectId, [
      { kind: 'metric_target', metricId: c.conversion, newTargetC: 400 },
    ]);
    app.ok('metrics.delete', { id: c.conversion });
    expect(refusedUnchanged(app, 'adjustments.apply', { id: gone.id, today: '2024-06-18' })).toMatchObject({
      reason: 'change_target_missing',
      params: { kind: 'metric_target' },
    });
    app.ok('identity.match', { projectId: c.projectId, personId: c.boss });
    app.ok('adjustments.submit', { id: below.id, today: '2024-06-18' });
    app.ok('adjustments.reject', { id: below.id, today: '2024-06-18', comment: '预算不能为负' });
    expect(refusedUnchanged(app, 'adjustments.apply', { id: below.id, today: '2024-06-18' })).toMatchObject({
      reason: 'rejected',
    });
    expect(refusedUnchanged(app, 'adjustments.approve', { id: below.id, today: '2024-06-18' })).toMatchObject(
      {
        reason: 'invalid_transition',
        params: { from: 'rejected', to: 'approved' },
      },
    );
    // Rejected, it is revised and submitted again; the earlier decision stays in the trail only.
    app.ok('adjustments.update', {
      id: below.id,
      patch: { changes: [{ kind: 'task_budget', taskId: c.live, deltaFen: -30 * WAN }] },
    });
    const again = app.ok('adjustments.submit', { id: below.id, today: '2024-06-19' });
    expect(again.decision).toBeNull();
    expect(trail(app, below.id)).toEqual([
      'submit:draft→submitted:王经理',
      'reject:submitted→rejected:王经理',
      'submit:rejected→submitted:王经理',
    ]);
    expect(app.fail('adjustments.evaluate', { id: below.id, today: '2024-06-20' })).toMatchObject({
      reason: 'not_applied',
    });
    expect(
      app.fail('adjustments.create', {
        projectId: c.projectId,
        values: { title: 'x', changes: [{ kind: 'task_owner', taskId: c.live }] },
      }),
    ).toMatchObject({
      code: 'invalid_input',
      reason: 'change_incomplete',
      path: ['values', 'changes', 0],
      params: { kind: 'task_owner' },
    });
  });
});

describe('status trail and undo', () => {
  test('undoing a submission restores 草稿; the trail keeps the submission and its undoing', () => {
    const app = openApp();
    const c = campaign(app);
    app.ok('identity.match', { projectId: c.projectId, personId: c.li });
    const a = app.ok('adjustments.create', { projectId: c.projectId, values: { title: '加投小红书' } });
    app.ok('adjustments.submit', { id: a.id, today: '2024-06-14' });
    app.ok('history.undo', { projectId: c.projectId });
    expect(statusOf(app, a.id)).toBe('draft');
    expect(query(app.file, 'SELECT submitted_on FROM adjustments')).toEqual([{ submitted_on: null }]);
    const history = app.ok('adjustments.get', { id: a.id }).history;
    expect(history.map((h) => [h.action, h.fromStatus, h.toStatus, h.personName])).toEqual([
      ['submit', 'draft', 'submitted', '李内容'],
      ['undo', 'submitted', 'draft', '李内容'],
    ]);
    expect(history[0]!.replicaId).toBe(history[1]!.replicaId);
    // Undoing the creation removes the adjustment with its trail.
    app.ok('history.undo', { projectId: c.projectId });
    expect(query(app.file, 'SELECT count(*) AS n FROM adjustments')).toEqual([{ n: 0 }]);
    expect(query(app.file, 'SELECT count(*) AS n FROM adjustment_events')).toEqual([{ n: 0 }]);
    // Redone, it comes back as it was created (a draft, no trail yet).
    app.ok('history.redo', { projectId: c.projectId });
    expect(statusOf(app, a.id)).toBe('draft');
  });
});

describe('Table 1 and 概览', () => {
  test('open issues and adjustments per module; a closed period keeps what it showed', () => {
    const app = openApp();
    const c = campaign(app);
    const offline = app.ok('modules.create', { projectId: c.projectId, values: { name: '线下地推活动' } }).id;
    app.ok('periods.open', { projectId: c.projectId, today: '2024-06-10' });
    const open = app.ok('issues.create', {
      projectId: c.projectId,
      values: { title: '线下地推物料延迟', reportedOn: '2024-06-12', moduleId: offline },
    });
    // By its task: 直播带货 is in 社交媒体推广.
    app.ok('issues.create', {
      projectId: c.projectId,
      values: { title: '主播档期冲突', reportedOn: '2024-06-11', taskId: c.live, status: 'in_progress' },
    });
    app.ok('issues.create', {
      projectId: c.projectId,
      values: { title: '已解决的问题', reportedOn: '2024-06-01', moduleId: c.social, status: 'resolved' },
    });
    app.ok('identity.match', { projectId: c.projectId, personId: c.li });
    const adj = app.ok('adjustments.create', {
      projectId: c.projectId,
      values: {
        title: '缩小小型场地规模,聚焦核心商圈',
        changes: [{ kind: 'task_budget', taskId: c.live, deltaFen: -WAN }],
      },
    });
    app.ok('adjustments.submit', { id: adj.id, today: '2024-06-14' });

    const summary = app.ok('feedback.summary', { projectId: c.projectId });
    expect(summary).toMatchObject({ openIssues: 2, awaitingApproval: 1, adjustmentsInProgress: 1 });
    expect(
      summary.modules.map((m) => [
        m.openIssueCount,
        m.openIssues.map((i) => i.label),
        m.adjustments.map((a) => a.status),
      ]),
    ).toEqual([
      [1, ['主播档期冲突'], ['submitted']], // 社交媒体推广: the adjustment changes its task's budget
      [1, ['线下地推物料延迟'], []],
    ]);

    const week = app.ok('periods.list', { projectId: c.projectId })[0]!;
    app.ok('periods.open', { projectId: c.projectId, today: '2024-06-17' });
    const kept = () =>
      app.ok('periods.snapshot', { periodId: week.id }).map((m) => [m.name, m.openIssues, m.adjustments]);
    const shown = [
      ['社交媒体推广', ['主播档期冲突'], [{ title: '缩小小型场地规模,聚焦核心商圈', status: 'submitted' }]],
      ['线下地推活动', ['线下地推物料延迟'], []],
    ];
    expect(kept()).toEqual(shown);
    expect(query(app.file, 'SELECT open_issues FROM module_snapshots WHERE module_id = ?', offline)).toEqual([
      { open_issues: '["线下地推物料延迟"]' },
    ]);
    // Later the issue is resolved: the current summary changes, the closed week does not.
    app.ok('issues.update', { id: open.id, patch: { status: 'resolved', resolvedOn: '2024-06-18' } });
    expect(app.ok('feedback.summary', { projectId: c.projectId }).modules[1]!.openIssueCount).toBe(0);
    expect(kept()).toEqual(shown);
  });

  test('lists and rules per project are editable; a list refuses a name twice', () => {
    const app = openApp();
    const c = campaign(app);
    const settings = app.ok('feedbackSettings.get', { projectId: c.projectId });
    expect(settings.issueCategories).toEqual(['资源不足', '流程卡点', '跨部门协作', '外部因素', '其他']);
    expect(settings.majorRules).toEqual({ budgetPct: 10, endDateMoved: true, goalTargetChanged: true });
    app.ok('feedbackSettings.update', {
      projectId: c.projectId,
      patch: { feedbackChannels: ['客户调研', '直播间弹幕'], majorRules: { endDateMoved: false } },
    });
    expect(
      query(app.file, 'SELECT feedback_channels, major_end_date, issue_categories FROM projects'),
    ).toEqual([
      { feedback_channels: '["客户调研","直播间弹幕"]', major_end_date: 0, issue_categories: null },
    ]);
    expect(
      refusedUnchanged(app, 'feedbackSettings.update', {
        projectId: c.projectId,
        patch: { causeCategories: ['预算', '预算'] },
      }),
    ).toMatchObject({ code: 'invalid_input', reason: 'duplicate_name' });
    app.ok('history.undo', { projectId: c.projectId });
    expect(app.ok('feedbackSettings.get', { projectId: c.projectId }).feedbackChannels).toEqual(
      settings.feedbackChannels,
    );
  });

  test('who am I: the installation matched to a team member, suggested by name', () => {
    const app = openApp();
    const c = campaign(app);
    app.ok('identity.setName', { name: '王经理' });
    expect(app.ok('identity.me', { projectId: c.projectId })).toMatchObject({
      replicaName: '王经理',
      personId: null,
      isOverallOwner: false,
      suggestedPersonId: c.boss,
    });
    app.ok('identity.match', { projectId: c.projectId, personId: c.boss });
    expect(app.ok('identity.me', { projectId: c.projectId })).toMatchObject({
      personName: '王经理',
      isOverallOwner: true,
    });
    expect(query(app.file, 'SELECT person_id, replica_name FROM project_identities')).toEqual([
      { person_id: c.boss, replica_name: '王经理' },
    ]);
    const other = app.ok('projects.create', { name: '别的项目' }).id;
    const stranger = app.ok('people.create', { projectId: other, name: '外人' }).id;
    expect(
      refusedUnchanged(app, 'identity.match', { projectId: c.projectId, personId: stranger }),
    ).toMatchObject({
      reason: 'not_team_member',
    });
  });
});

describe('a data feedback from any attention item', () => {
  test('an item beyond the 200 the overview lists is recorded too', () => {
    const app = openApp();
    const project = app.ok('projects.create', { name: '大计划' });
    app.ok('projects.update', { id: project.id, patch: { start: '2024-05-01', end: '2024-07-31' } });
    // 250 tasks that ended on 2024-05-10 at 0 %: all overdue on 2024-06-01.
    const rows = Array.from({ length: 250 }, (_, i) => ({
      ref: i + 1,
      values: { name: `任务${i + 1}`, start: '2024-05-01', end: '2024-05-10', progress: 0 },
    }));
    const stored = app.ok('tasks.paste', { projectId: project.id, rows }).tasks;
    const dashboard = app.ok('dashboard.get', { projectId: project.id, today: '2024-06-01' });
    expect(dashboard.kpis.attentionCount).toBe(250);
    expect(dashboard.attention).toHaveLength(200);
    const listed = new Set(dashboard.attention.map((a) => a.key));
    const unlisted = stored.map((t) => `task_overdue:${t.id}`).find((key) => !listed.has(key));
    expect(unlisted).toBeDefined();
    const made = app.ok('feedback.fromAttention', {
      projectId: project.id,
      key: unlisted!,
      today: '2024-06-01',
    });
    expect(made.created).toBe(true);
    const taskId = unlisted!.slice('task_overdue:'.length);
    expect(query(app.file, 'SELECT source, gap_key, task_id FROM feedback')).toEqual([
      { source: 'data', gap_key: unlisted, task_id: taskId },
    ]);
  });
});
