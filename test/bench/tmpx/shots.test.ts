import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { it } from 'vitest';
import { DATABASE_FILE } from '../../../src-main/backend';
import { openDatabase } from '../../../src-main/db/open';
import { seedProject } from '../seed';
import { launchBrowser } from '../../helpers/browser';
import { startBuiltBridge } from '../../helpers/bridge';

declare const sessionStorage: { setItem(key: string, value: string): void };

it('shots', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ct-shots-'));
  const db = openDatabase({ file: join(dataDir, DATABASE_FILE) });
  const seeded = seedProject(db, 10_000);
  db.close();
  const bridge = await startBuiltBridge(dataDir);
  for (const locale of ['zh-CN', 'en'])
    for (const scheme of ['light', 'dark'] as const)
      for (const width of [1280, 1920]) {
        const browser = await launchBrowser({ locale, colorScheme: scheme });
        const page = browser.page;
        await page.setViewportSize({ width, height: width === 1280 ? 800 : 1080 });
        await page.addInitScript((projectId: string) => {
          sessionStorage.setItem('selected-project', projectId);
          sessionStorage.setItem('project-tab', 'tasks');
        }, seeded.projectId);
        let release!: () => void;
        const released = new Promise<void>((r) => (release = r));
        await page.route('**/api/tasks.list', async (route) => {
          const body = JSON.parse(route.request().postData() ?? '{}') as { first?: number };
          if (body.first !== undefined) return route.continue();
          const response = await route.fetch();
          await released;
          await route.fulfill({ response });
        });
        await page.goto(bridge.url);
        await page.locator('[data-testid="task-grid"] .ag-row[row-id]').first().waitFor({ timeout: 60_000 });
        await page.waitForTimeout(500);
        const name = `${locale}-${scheme}-${width}`;
        await page.screenshot({ path: `/tmp/shots-s7-paint/first-${name}.png` });
        release();
        await page.locator('[data-testid="task-grid"][aria-busy="false"]').waitFor({ timeout: 60_000 });
        await page.waitForTimeout(500);
        await page.screenshot({ path: `/tmp/shots-s7-paint/whole-${name}.png` });
        console.log(name, browser.problems);
        await browser.close();
      }
  await bridge.stop();
}, 600_000);
