/**
 * End to end: a project exported from one data folder, opened in another (a colleague's laptop),
 * edited there, sent back and merged — in Debian's headless Chromium through two built bridges,
 * with every result read back from the SQLite files. Also a broken file dropped on the window.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/backend';
import { openDatabase } from '../../src-main/db/open';
import { PROJECT_FILE_APPLICATION_ID } from '../../src-main/project-file/format';
import { screenshot } from '../helpers/browser';
import { startBuiltBridge, type RunningBridge } from '../helpers/bridge';
import { logicalHash, withRaw } from '../helpers/db';
import { editCell, settled } from '../helpers/grid';
import { openSession, type Session } from '../helpers/session';

// The page's own globals, for the callbacks that run inside the browser.
declare const window: { dispatchEvent(event: unknown): boolean };
declare const document: { documentElement: { dataset: Record<string, string> } };
declare class DataTransfer {
  items: { add(file: unknown): void };
}
declare class DragEvent {
  constructor(type: string, init: { dataTransfer: DataTransfer; bubbles: boolean; cancelable: boolean });
}
declare class File {
  constructor(parts: unknown[], name: string);
}

const DEMO = '2024夏季新品推广';
let a: Session;
let pageA: Page;
/** Every path the owner's page asked the bridge for. */
const askedA: string[] = [];
let dirB: string;
let bridgeB: RunningBridge;
let pageB: Page;

const dbA = () => a.file;
const dbB = () => join(dirB, DATABASE_FILE);

function rows<T = Record<string, unknown>>(file: string, sql: string, ...params: unknown[]): T[] {
  return withRaw(file, (db) => db.prepare(sql).all(...params) as T[], { readonly: true });
}
const projectIdIn = (file: string) =>
  rows<{ id: string }>(file, 'SELECT id FROM projects WHERE name = ?', DEMO)[0]?.id;
const task = (file: string, code: string) =>
  rows<{ id: string; name: string }>(
    file,
    'SELECT id, name FROM tasks WHERE code = ? AND project_id = ?',
    code,
    projectIdIn(file),
  )[0]!;

/** Everything of the project that travels, with the rows in key order, for comparing two copies. */
function projectContent(file: string) {
  const id = projectIdIn(file);
  return {
    people: rows(file, 'SELECT * FROM people WHERE project_id = ? ORDER BY id', id),
    modules: rows(file, 'SELECT * FROM modules WHERE project_id = ? ORDER BY id', id),
    tasks: rows(file, 'SELECT * FROM tasks WHERE project_id = ? ORDER BY id', id),
    links: rows(
      file,
      'SELECT l.* FROM task_links l JOIN tasks t ON t.id = l.successor_id WHERE t.project_id = ? ORDER BY 1, 2',
      id,
    ),
    metrics: rows(file, 'SELECT * FROM metrics WHERE project_id = ? ORDER BY id', id),
    actuals: rows(
      file,
      'SELECT a.* FROM metric_actuals a JOIN metrics m ON m.id = a.metric_id WHERE m.project_id = ? ORDER BY a.id',
      id,
    ),
    periods: rows(file, 'SELECT * FROM tracking_periods WHERE project_id = ? ORDER BY id', id),
    spend: rows(file, 'SELECT * FROM spend_entries WHERE project_id = ? ORDER BY id', id),
  };
}

async function exportFrom(page: Page, exporter: string): Promise<string> {
  await page.getByTestId('export-project-file').click();
  const name = page.getByTestId('exporter-name');
  await name.fill(exporter);
  await page.getByTestId('confirm-export').click();
  const done = page.getByTestId('export-done');
  await done.waitFor({ timeout: 20_000 });
  const path = (await done.locator('code').textContent()) ?? '';
  return path;
}

beforeAll(async () => {
  a = await openSession('ct-pf-a-');
  pageA = a.browser.page;
  pageA.on('request', (request) => askedA.push(new URL(request.url()).pathname));
  await pageA.goto(a.bridge.url);
  await pageA.getByRole('heading', { name: DEMO }).waitFor();
  // The colleague's laptop: the app already used once (no demo project), nothing else.
  dirB = mkdtempSync(join(tmpdir(), 'ct-pf-b-'));
  const db = openDatabase({ file: dbB() });
  db.prepare("INSERT INTO app_meta (key, value) VALUES ('demo_seeded', '2026-01-01T00:00:00Z')").run();
  db.close();
  bridgeB = await startBuiltBridge(dirB);
  pageB = await a.browser.context.newPage();
  pageB.setDefaultTimeout(10_000);
  await pageB.goto(bridgeB.url);
}, 60_000);

afterAll(async () => {
  await bridgeB?.stop();
  await a?.close();
  if (dirB) rmSync(dirB, { recursive: true, force: true });
});

describe('sharing a project with a colleague and merging the copy back', () => {
  let fileFromA = '';
  let fileFromB = '';

  it('exports the project from the owner’s data folder to one .ctproj file', async () => {
    fileFromA = await exportFrom(pageA, '李娜');
    // Progress comes as events on the bridge's stream (opened by the page), not by asking again.
    expect(askedA).toContain('/api/projectFile.export');
    expect(askedA).toContain('/api/events');
    expect(askedA).not.toContain('/api/projectFile.progress');
    await screenshot(pageA, 'project-file-exported');
    expect(fileFromA.endsWith(`${DEMO}.ctproj`)).toBe(true);
    expect(existsSync(fileFromA)).toBe(true);
    withRaw(fileFromA, (f) => {
      expect(f.pragma('application_id', { simple: true })).toBe(PROJECT_FILE_APPLICATION_ID);
      expect(f.prepare("SELECT value FROM app_meta WHERE key = 'file.exporter_name'").pluck().get()).toBe(
        '李娜',
      );
      expect(f.prepare('SELECT count(*) FROM tasks').pluck().get()).toBe(
        rows(dbA(), 'SELECT id FROM tasks WHERE project_id = ?', projectIdIn(dbA())).length,
      );
    });
    await pageA.getByRole('button', { name: '好' }).click();
  });

  it('opens it in another data folder: the preview says what it holds, then it is imported unchanged', async () => {
    await pageB.getByTestId('open-project-file-input').setInputFiles(fileFromA);
    const dialog = pageB.getByTestId('file-dialog');
    await expect.poll(() => dialog.getByTestId('file-project-name').textContent()).toBe(DEMO);
    const tasks = rows(dbA(), 'SELECT id FROM tasks WHERE project_id = ?', projectIdIn(dbA())).length;
    const counts = (await dialog.getByTestId('file-counts').textContent()) ?? '';
    expect(counts).toContain(`${tasks} 任务`);
    expect(await dialog.textContent()).toContain('李娜');
    await screenshot(pageB, 'project-file-preview-new');
    expect(projectIdIn(dbB())).toBeUndefined(); // nothing written before the user confirms

    await dialog.getByTestId('import-new').click();
    await dialog.getByTestId('file-done').waitFor();
    await pageB.getByRole('button', { name: '好' }).click();
    await pageB.getByRole('heading', { name: DEMO }).waitFor();
    expect(projectIdIn(dbB())).toBe(projectIdIn(dbA()));
    expect(projectContent(dbB())).toEqual(projectContent(dbA()));
  });

  it('merges the colleague’s copy back: their change applied; same field on both sides and edit vs delete asked', async () => {
    const m1 = task(dbA(), 'M001');
    const m2 = task(dbA(), 'M002');
    const m6 = task(dbA(), 'M006');
    // The colleague renames M001 and M002 and deletes M006; the owner meanwhile renames M001
    // and M006.
    await pageB.getByRole('tab', { name: '任务拆解' }).click();
    await editCell(pageB, m1.id, 'name', `${m1.name}(王强改)`);
    await settled(pageB);
    await editCell(pageB, m2.id, 'name', `${m2.name}(王强改)`);
    await settled(pageB);
    await pageB.locator(`.ag-row[row-id="${m6.id}"] .ag-selection-checkbox input`).check();
    await pageB.getByTestId('delete-tasks').click();
    await pageB.getByRole('alertdialog').getByRole('button', { name: '删除' }).click();
    await expect.poll(() => rows(dbB(), 'SELECT id FROM tasks WHERE id = ?', m6.id).length).toBe(0);
    expect(task(dbB(), 'M002').name).toBe(`${m2.name}(王强改)`);
    fileFromB = await exportFrom(pageB, '王强');

    await pageA.getByRole('tab', { name: '任务拆解' }).click();
    await editCell(pageA, m1.id, 'name', `${m1.name}(李娜改)`);
    await settled(pageA);
    await editCell(pageA, m6.id, 'name', `${m6.name}(李娜改)`);
    await settled(pageA);
    const beforeMerge = logicalHash(dbA());

    await pageA.getByTestId('open-project-file-input').setInputFiles(fileFromB);
    const dialog = pageA.getByTestId('file-dialog');
    await dialog.getByTestId('merge-summary').waitFor();
    expect(await dialog.getByTestId('merge-intro').textContent()).toContain('王强');
    expect(await dialog.getByTestId('merge-summary').textContent()).toContain('2 处冲突');
    await expect.poll(() => dialog.getByTestId('conflict-row').count()).toBe(2);
    // An edit against a deletion: keep my task, or let their deletion stand.
    const deleted = dialog.getByTestId('conflict-row').filter({ hasText: 'M006' });
    const deletedCells = await deleted.locator('td').allTextContents();
    expect(deletedCells[1]).toContain('保留我的');
    expect(deletedCells[2]).toContain('删除(对方删除了)');
    // The same name changed on both sides: mine, theirs and what both started from.
    const conflict = dialog.getByTestId('conflict-row').filter({ hasText: 'M001' });
    const cells = await conflict.locator('td').allTextContents();
    expect(cells[1]).toContain(`${m1.name}(李娜改)`); // mine
    expect(cells[2]).toContain(`${m1.name}(王强改)`); // theirs
    expect(cells[3]).toContain(m1.name); // what both started from
    expect(await dialog.getByTestId('confirm-merge').isDisabled()).toBe(true);
    await screenshot(pageA, 'project-file-merge-conflict');
    // The same dialog in the dark theme (set as the theme switch does, under the open dialog).
    await pageA.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    await screenshot(pageA, 'project-file-merge-conflict-dark');
    await pageA.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    expect(logicalHash(dbA())).toBe(beforeMerge); // the preview wrote nothing

    await conflict.locator('td').nth(2).locator('input[type=radio]').check();
    expect(await dialog.getByTestId('confirm-merge').isDisabled()).toBe(true); // one still open
    await deleted.locator('td').nth(1).locator('input[type=radio]').check();
    await dialog.getByTestId('confirm-merge').click();
    await dialog.getByTestId('file-done').waitFor();
    await screenshot(pageA, 'project-file-merged');
    expect(await dialog.getByTestId('file-done').textContent()).toContain('2 处冲突已按你的选择处理');
    expect(task(dbA(), 'M001').name).toBe(`${m1.name}(王强改)`);
    expect(task(dbA(), 'M002').name).toBe(`${m2.name}(王强改)`);
    expect(task(dbA(), 'M006').name).toBe(`${m6.name}(李娜改)`); // kept, with my change
    await pageA.getByRole('button', { name: '好' }).click();

    // The whole merge is one undo step.
    await pageA.keyboard.press('Control+z');
    await expect.poll(() => task(dbA(), 'M002').name).toBe(m2.name);
    expect(task(dbA(), 'M001').name).toBe(`${m1.name}(李娜改)`);
  });

  it('a broken file dropped on the window is refused with a clear message and changes nothing', async () => {
    const before = logicalHash(dbA());
    await pageA.evaluate(() => {
      const bytes = new Uint8Array(4096).map((_, i) => (i * 7919) % 251);
      const data = new DataTransfer();
      data.items.add(new File([bytes], '周报.ctproj'));
      for (const type of ['dragenter', 'dragover', 'drop'])
        window.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    const error = pageA.getByTestId('file-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('不是营销执行跟踪的项目文件');
    await screenshot(pageA, 'project-file-refused');
    expect(logicalHash(dbA())).toBe(before);
    await pageA.getByRole('button', { name: '好' }).click();
  });

  it('a spreadsheet dropped by mistake is pointed to the right place', async () => {
    await pageA.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(['x'], '任务拆解表.xlsx'));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    expect(await pageA.getByTestId('file-error').textContent()).toContain('不是项目文件');
    await pageA.getByRole('button', { name: '好' }).click();
    expect(a.browser.problems).toEqual([]);
  });
});
