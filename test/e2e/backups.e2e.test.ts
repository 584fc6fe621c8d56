/**
 * 备份与恢复 end to end: a manual backup from the screen, a change, a restore after the warning,
 * and the old data back in the app and in the SQLite file — with the before-restore backup kept.
 * Screenshots of the screen in light and dark.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUPS_DIR } from '../../src-main/backups/backups';
import { parseBackupName } from '../../src-main/shared/backups';
import { screenshot } from '../helpers/browser';
import { logicalHash, withRaw } from '../helpers/db';
import { openSession, type Session } from '../helpers/session';

let session: Session;
let page: Page;

const backupsDir = () => join(session.dataDir, BACKUPS_DIR);
const backupFiles = (kind: string) =>
  readdirSync(backupsDir()).filter((n) => parseBackupName(n)?.kind === kind);
const projectNames = (file: string) =>
  withRaw(file, (db) => db.prepare('SELECT name FROM projects ORDER BY name').pluck().all() as string[]);
const sidebarNames = () => page.getByTestId('project-item').locator('.project-name').allInnerTexts();

beforeAll(async () => {
  session = await openSession('ct-e2e-backups-');
  page = session.browser.page;
  await page.goto(session.bridge.url);
  await page.getByTestId('project-item').first().waitFor();
});

afterAll(async () => {
  await session?.close();
});

describe('backups and restore', () => {
  it('makes a manual backup from the screen', async () => {
    await page.getByTestId('open-backups').click();
    await page.getByRole('heading', { name: '备份与恢复' }).waitFor();
    const button = page.getByTestId('backup-now');
    expect(await button.innerText()).toBe('立即备份');
    await button.click();
    await expect.poll(() => page.getByTestId('backups-status').innerText()).toContain('已备份');
    const row = page.locator('[data-testid="backup-row"][data-kind="manual"]');
    await row.waitFor();
    expect(await row.locator('td').nth(1).innerText()).toBe('手动');
    // Local date and time, and the size as the file has it.
    expect(await row.locator('td').first().innerText()).toMatch(
      /^\d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}:\d{2}$/,
    );
    expect(await row.locator('td').nth(2).innerText()).toMatch(/^\d+ kB$/);

    const [manual] = backupFiles('manual');
    expect(manual).toBeDefined();
    expect(await row.getAttribute('data-name')).toBe(manual);
    // The backup holds exactly the data of the live file (nothing was written since).
    expect(logicalHash(join(backupsDir(), manual!))).toBe(logicalHash(session.file));
    expect(projectNames(join(backupsDir(), manual!))).toEqual(['2024夏季新品推广']);
    await screenshot(page, 'backups-light');
  });

  it('restores it after the warning: the change is gone, the data before is kept as a backup', async () => {
    // A change after the backup: a new project, from the sidebar.
    await page.getByRole('button', { name: '+ 新建项目' }).click();
    await page.getByPlaceholder('策略名称，按 Enter 创建').fill('备份之后的新项目');
    await page.keyboard.press('Enter');
    await expect.poll(() => projectNames(session.file)).toContain('备份之后的新项目');
    await expect.poll(sidebarNames).toContain('备份之后的新项目');
    const changed = logicalHash(session.file);

    await page.getByTestId('open-backups').click();
    const row = page.locator('[data-testid="backup-row"][data-kind="manual"]');
    await row.getByRole('button', { name: '恢复' }).click();
    const dialog = page.getByRole('alertdialog');
    expect(await dialog.innerText()).toContain('替换当前的全部数据');
    expect(await dialog.innerText()).toContain('恢复前');
    await screenshot(page, 'backups-confirm');
    await dialog.getByRole('button', { name: '恢复' }).click();

    await expect.poll(() => page.getByTestId('backups-status').innerText()).toContain('已恢复到');
    // The app read its data again: the project made after the backup is gone from the sidebar …
    await expect.poll(sidebarNames).toEqual(['2024夏季新品推广']);
    // … and from the file, which holds the backup's data again.
    const [manual] = backupFiles('manual');
    expect(projectNames(session.file)).toEqual(['2024夏季新品推广']);
    expect(logicalHash(session.file)).toBe(logicalHash(join(backupsDir(), manual!)));
    // The data as it was before the restore is a backup of its own, listed on the screen.
    const [before] = backupFiles('before-restore');
    expect(before).toBeDefined();
    expect(logicalHash(join(backupsDir(), before!))).toBe(changed);
    expect(projectNames(join(backupsDir(), before!))).toContain('备份之后的新项目');
    await page.locator(`[data-testid="backup-row"][data-name="${before}"]`).waitFor();
    expect(
      await page.locator(`[data-testid="backup-row"][data-name="${before}"] td`).nth(1).innerText(),
    ).toBe('恢复前');
    await screenshot(page, 'backups-restored');

    // The app goes on working over the restored file.
    await page.getByTestId('project-item').first().locator('.project-open').click();
    await page.getByRole('tab', { name: '目标与团队' }).waitFor();
    await page.getByRole('button', { name: '+ 新建项目' }).click();
    await page.getByPlaceholder('策略名称，按 Enter 创建').fill('恢复之后的新项目');
    await page.keyboard.press('Enter');
    await expect.poll(() => projectNames(session.file)).toContain('恢复之后的新项目');
  });

  it('looks right in the dark theme', async () => {
    await page.getByLabel('主题').selectOption('dark');
    await page.getByTestId('open-backups').click();
    await page.getByTestId('backups-table').waitFor();
    await screenshot(page, 'backups-dark');
    // The English words, in the same place.
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { name: 'Backups & restore' }).waitFor();
    expect(await page.getByTestId('backup-now').innerText()).toBe('Back up now');
    expect(
      await page.locator('[data-testid="backup-row"][data-kind="before-restore"] td').nth(1).innerText(),
    ).toBe('Before restore');
    await screenshot(page, 'backups-dark-en');
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByLabel('主题').selectOption('light');
    expect(session.browser.problems).toEqual([]);
  });

  it('a backup from before checksums is restored, and the screen says its content could not be verified', async () => {
    const [manual] = backupFiles('manual');
    rmSync(join(backupsDir(), `${manual!}.sha256`));
    await page.getByTestId('open-backups').click();
    const row = page.locator(`[data-testid="backup-row"][data-name="${manual}"]`);
    await row.getByRole('button', { name: '恢复' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '恢复' }).click();
    await expect.poll(() => page.getByTestId('backups-status').innerText()).toContain('无法核实其内容');
    expect(projectNames(session.file)).toEqual(['2024夏季新品推广']);
    await screenshot(page, 'backups-unverified');
    await page.getByLabel('语言').selectOption('en');
    await expect
      .poll(() => page.getByTestId('backups-status').innerText())
      .toContain('its content could not be verified');
    await page.getByLabel('Theme').selectOption('dark');
    await screenshot(page, 'backups-unverified-dark-en');
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByLabel('主题').selectOption('light');
    expect(session.browser.problems).toEqual([]);
  });
});
