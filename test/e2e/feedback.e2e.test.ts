/**
 * Steps 四 and 五 end to end, on a campaign the test writes (not the demo's records): an issue
 * logged in the issue log, the 转化率 gap of 概览 recorded as 数据反馈, a root cause, and a major
 * adjustment (a module budget +¥100万 against a strategy budget of ¥800万) submitted, refused
 * while not approved and while the app's user is not the overall owner, approved with a comment,
 * applied (the module's budget changes in the file), undone with one Ctrl+Z, redone, and its
 * effect reviewed. Every result is read back from the SQLite file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, type Browser } from '../helpers/browser';
import { withRaw } from '../helpers/db';
import { FOLLOW_UP_PROJECT, writeFollowUpProject, type FollowUpProject } from '../helpers/follow-up-project';
import { editCell, gridCell, pickInCell } from '../helpers/grid';
import { openSession, type Session } from '../helpers/session';

let session: Session;
let browser: Browser;
let page: Page;
let seeded: FollowUpProject;

const all = <T = Record<string, unknown>>(sql: string, ...params: unknown[]) =>
  withRaw(session.file, (db) => db.prepare(sql).all(...params) as T[]);
const one = <T = Record<string, unknown>>(sql: string, ...params: unknown[]) => all<T>(sql, ...params)[0];

const ISSUE = '电商渠道转化率低于预期';
const CAUSE = '详情页卖点不突出';
const ADJUSTMENT = '优化详情页产品卖点展示，追加直播带货预算';

type AdjustmentRow = { id: string; status: string; decision_comment: string; actual_value_c: number | null };
const adjustment = () => one<AdjustmentRow>('SELECT * FROM adjustments WHERE title = ?', ADJUSTMENT);
const moduleBudget = () =>
  one<{ budget_fen: number | null }>('SELECT budget_fen FROM modules WHERE id = ?', seeded.moduleId)!
    .budget_fen;
const events = (id: string) =>
  all<{ action: string }>(
    'SELECT action FROM adjustment_events WHERE adjustment_id = ? ORDER BY created_at, rowid',
    id,
  ).map((e) => e.action);

beforeAll(async () => {
  session = await openSession('ct-e2e-follow-', (dir) => {
    seeded = writeFollowUpProject(dir);
  });
  browser = session.browser;
  page = browser.page;
  await page.goto(session.bridge.url);
  await page
    .getByTestId('project-item')
    .filter({ hasText: FOLLOW_UP_PROJECT })
    .locator('.project-open')
    .click();
  await page.getByRole('heading', { name: FOLLOW_UP_PROJECT }).waitFor();
});

afterAll(async () => {
  await session?.close();
});

describe('issues, feedback and root causes', () => {
  it('logs 电商渠道转化率低于预期 in the issue log, with its module', async () => {
    await page.getByRole('tab', { name: '问题与反馈', exact: true }).click();
    await page.getByTestId('view-issues').click();
    await page.getByTestId('add-issues').first().click();
    await expect
      .poll(() => all('SELECT id FROM issues WHERE project_id = ?', seeded.projectId).length)
      .toBe(1);
    const { id } = one<{ id: string }>('SELECT id FROM issues WHERE project_id = ?', seeded.projectId)!;
    // The new issue opens its title for typing.
    const editor = page.locator('.ag-popup-editor textarea');
    await editor.waitFor();
    await editor.fill(ISSUE);
    await editor.press('Enter');
    await pickInCell(page, id, 'moduleId', '社交媒体推广');
    await expect
      .poll(() => one('SELECT title, module_id, status FROM issues WHERE id = ?', id))
      .toEqual({ title: ISSUE, module_id: seeded.moduleId, status: 'open' });
  });

  it('turns the 转化率 gap of 概览 into 数据反馈 in one action, once', async () => {
    await page.getByRole('tab', { name: '概览', exact: true }).click();
    await expect.poll(() => page.getByTestId('kpi-open-issues').innerText()).toContain('1');
    const item = page.locator(`.attention-item[data-key="metric_behind:${seeded.metricId}"]`);
    await item.getByTestId('record-gap').click();
    await item.getByTestId('gap-recorded').waitFor();
    expect(
      all(
        'SELECT source, gap_key, metric_id, target_c, actual_c FROM feedback WHERE gap_key IS NOT NULL AND project_id = ?',
        seeded.projectId,
      ),
    ).toEqual([
      {
        source: 'data',
        gap_key: `metric_behind:${seeded.metricId}`,
        metric_id: seeded.metricId,
        target_c: 500,
        actual_c: 300,
      },
    ]);
    // Recorded: the item now links to its record instead of offering to record it again.
    expect(await item.getByTestId('record-gap').count()).toBe(0);
    await screenshot(page, 'follow-up-overview');
  });

  it('records the root cause 详情页卖点不突出 for the gap and the issue', async () => {
    const feedback = one<{ id: string }>('SELECT id FROM feedback WHERE project_id = ?', seeded.projectId)!;
    await item(page, 'feedback', feedback.id);
    await page.getByTestId('feedback-add-cause').click();
    await expect
      .poll(() => all('SELECT id FROM root_causes WHERE project_id = ?', seeded.projectId).length)
      .toBe(1);
    const cause = one<{ id: string }>('SELECT id FROM root_causes WHERE project_id = ?', seeded.projectId)!;
    await page.getByTestId('causes-grid').waitFor();
    await editCell(page, cause.id, 'title', CAUSE);
    await pickInCell(page, cause.id, 'category', '素材吸引力不足');
    await page.getByTestId('cause-issues').getByLabel(ISSUE).click();
    await expect
      .poll(() => one('SELECT title, category FROM root_causes WHERE id = ?', cause.id))
      .toEqual({ title: CAUSE, category: '素材吸引力不足' });
    await expect
      .poll(() => all('SELECT feedback_id FROM cause_feedback_links WHERE root_cause_id = ?', cause.id))
      .toEqual([{ feedback_id: feedback.id }]);
    await expect
      .poll(() => all('SELECT root_cause_id FROM cause_issue_links WHERE root_cause_id = ?', cause.id).length)
      .toBe(1);
  });
});

describe('an adjustment with approval', () => {
  it('is drafted from the root cause with a budget change the rules mark major', async () => {
    await page.getByTestId('cause-add-adjustment').click();
    await page.getByTestId('adjustment-detail').waitFor();
    const title = page.getByTestId('adj-title');
    await title.fill(ADJUSTMENT);
    await title.press('Enter');
    await expect.poll(() => adjustment()?.status).toBe('draft');
    await page.getByTestId('adj-metric').selectOption({ label: '转化率' });
    await page.getByTestId('adj-expected').fill('5');
    await page.getByTestId('adj-expected').press('Enter');
    await expect
      .poll(() => one('SELECT expected_value_c FROM adjustments WHERE title = ?', ADJUSTMENT))
      .toEqual({ expected_value_c: 500 });
    await page.getByTestId('add-change').click();
    await page.getByTestId('change-0').getByLabel('对象').selectOption({ label: '社交媒体推广' });
    await page.getByTestId('change-delta').fill('100万');
    await page.getByTestId('save-changes').click();
    const id = adjustment()!.id;
    await expect
      .poll(() =>
        all('SELECT kind, module_id, delta_fen FROM adjustment_changes WHERE adjustment_id = ?', id),
      )
      .toEqual([{ kind: 'module_budget', module_id: seeded.moduleId, delta_fen: 100_000_000 }]);
    expect(one('SELECT expected_metric_id, expected_value_c FROM adjustments WHERE id = ?', id)).toEqual({
      expected_metric_id: seeded.metricId,
      expected_value_c: 500,
    });
    // ¥100万 is more than 10 % of ¥800万: major.
    await expect.poll(() => page.getByTestId('major-badge').innerText()).toContain('重大调整');
    // It answers the root cause it was drafted from.
    expect(all('SELECT COUNT(*) AS n FROM adjustment_cause_links WHERE adjustment_id = ?', id)).toEqual([
      { n: 1 },
    ]);
    await page.getByTestId('wf-submit').click();
    await expect.poll(() => adjustment()?.status).toBe('submitted');
  });

  it('refuses to apply it before approval, says why, and writes nothing', async () => {
    const before = all('SELECT * FROM adjustments WHERE project_id = ?', seeded.projectId);
    await page.getByTestId('wf-apply').click();
    await expect
      .poll(() => page.getByTestId('workflow-refusal').innerText())
      .toContain('须经总负责人批准后才能实施');
    expect(all('SELECT * FROM adjustments WHERE project_id = ?', seeded.projectId)).toEqual(before);
    expect(moduleBudget()).toBeNull();
  });

  it('refuses the approval while the app user is not the overall owner', async () => {
    await page.getByTestId('view-settings').click();
    await page.getByTestId('identity-person').selectOption({ label: '李主管' });
    await expect
      .poll(
        () =>
          one<{ person_id: string }>(
            'SELECT person_id FROM project_identities WHERE project_id = ?',
            seeded.projectId,
          )?.person_id,
      )
      .toBe(seeded.moduleOwnerId);
    await page.getByTestId('view-adjustments').click();
    const before = all('SELECT * FROM adjustments WHERE project_id = ?', seeded.projectId);
    await page.getByTestId('workflow-comment').fill('同意');
    await page.getByTestId('wf-approve').click();
    await expect
      .poll(() => page.getByTestId('workflow-refusal').innerText())
      .toContain('只有总负责人王经理可以审批');
    expect(all('SELECT * FROM adjustments WHERE project_id = ?', seeded.projectId)).toEqual(before);
    expect(events(adjustment()!.id)).toEqual(['submit']);
  });

  it('is approved with a comment by the overall owner, then applied: the module budget changes', async () => {
    await page.getByTestId('view-settings').click();
    await page.getByTestId('identity-person').selectOption({ label: '王经理 (总负责人)' });
    await expect
      .poll(
        () =>
          one<{ person_id: string }>(
            'SELECT person_id FROM project_identities WHERE project_id = ?',
            seeded.projectId,
          )?.person_id,
      )
      .toBe(seeded.ownerId);
    await page.getByTestId('view-adjustments').click();
    await page.getByTestId('workflow-comment').fill('同意追加直播带货预算');
    await page.getByTestId('wf-approve').click();
    await expect
      .poll(() => adjustment())
      .toMatchObject({ status: 'approved', decision_comment: '同意追加直播带货预算' });
    await page.getByTestId('wf-apply').click();
    await expect.poll(() => adjustment()?.status).toBe('applied');
    // Its own budget was the sum of its tasks' (¥40万); +¥100万.
    expect(moduleBudget()).toBe(140_000_000);
    await screenshot(page, 'follow-up-applied');
  });

  it('shows the open issue and the adjustment in Table 1', async () => {
    await page.getByRole('tab', { name: '跟踪总表', exact: true }).click();
    await expect
      .poll(() => gridCell(page, seeded.moduleId, 'issues').innerText())
      .toContain(`未解决问题 1 个：${ISSUE}`);
    // The owner's own text stays first.
    expect(await gridCell(page, seeded.moduleId, 'issues').innerText()).toMatch(/^详情页跳失率高/);
    expect(await gridCell(page, seeded.moduleId, 'suggestions').innerText()).toContain(
      `${ADJUSTMENT}(已实施)`,
    );
  });

  it('is undone by one Ctrl+Z (budget and status restored) and redone; the trail keeps both', async () => {
    await page.getByRole('tab', { name: '调整审批', exact: true }).click();
    await page.getByTestId('adjustment-detail').waitFor();
    expect(await page.getByTestId('undo').getAttribute('title')).toContain('实施调整');
    await page.getByTestId('adjustment-detail').locator('h3').first().click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => adjustment()?.status).toBe('approved');
    expect(moduleBudget()).toBeNull();
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => adjustment()?.status).toBe('applied');
    expect(moduleBudget()).toBe(140_000_000);
    expect(events(adjustment()!.id)).toEqual(['submit', 'approve', 'apply', 'undo', 'redo']);
    await expect.poll(() => page.getByTestId('adjustment-history').locator('tbody tr').count()).toBe(5);
  });

  it('reviews the effect against the expected 转化率', async () => {
    await page.getByTestId('evaluate-actual').fill('4.5');
    await page.getByTestId('wf-evaluate').click();
    await expect.poll(() => adjustment()).toMatchObject({ status: 'evaluated', actual_value_c: 450 });
    // 4.5% against the 5% expected: not met.
    await expect.poll(() => page.getByTestId('effect-verdict').innerText()).toBe('未达预期');
  });

  it('follows links both ways and refuses to delete an issue others link to', async () => {
    // adjustment → the root cause it answers → back: the cause lists the adjustment.
    await page.getByTestId('adjustment-causes').getByRole('button', { name: CAUSE }).click();
    await page.getByTestId('causes-grid').waitFor();
    const cause = one<{ id: string }>('SELECT id FROM root_causes WHERE project_id = ?', seeded.projectId)!;
    await expect.poll(() => gridCell(page, cause.id, 'adjustments').innerText()).toContain(ADJUSTMENT);
    // root cause → the issue it explains.
    await gridCell(page, cause.id, 'explains').getByRole('button', { name: ISSUE }).click();
    await page.getByTestId('issues-grid').waitFor();
    const issue = one<{ id: string }>('SELECT id FROM issues WHERE project_id = ?', seeded.projectId)!;
    await expect.poll(() => gridCell(page, issue.id, 'rootCauses').innerText()).toContain(CAUSE);
    await gridCell(page, issue.id, 'reportedOn').click();
    await page.getByTestId('delete-issues').click();
    await page.getByRole('alertdialog').getByRole('button', { name: '删除' }).click();
    await expect.poll(() => page.getByTestId('notice').innerText()).toContain('请先取消关联再删除');
    expect(await page.getByTestId('notice').innerText()).toContain(CAUSE);
    expect(all('SELECT id FROM issues WHERE project_id = ?', seeded.projectId)).toEqual([issue]);
    await screenshot(page, 'follow-up-issue-linked');
  });

  it('exports the issue log as .csv with the Chinese headers and the issue', async () => {
    await page.getByTestId('export-issues').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-issues-csv').click(),
    ]);
    const path = join(session.dataDir, download.suggestedFilename());
    await download.saveAs(path);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('需协调支持的事项');
    expect(text).toContain(ISSUE);
  });

  it('reported no errors in the page', () => {
    expect(browser.problems).toEqual([]);
  });
});

/** Opens a log of 问题与反馈 and selects a row in it. */
async function item(p: Page, view: 'issues' | 'feedback' | 'causes', id: string) {
  await p.getByRole('tab', { name: '问题与反馈', exact: true }).click();
  await p.getByTestId(`view-${view}`).click();
  await p.getByTestId(`${view}-grid`).waitFor();
  await gridCell(p, id, view === 'feedback' ? 'source' : 'title').click();
}
