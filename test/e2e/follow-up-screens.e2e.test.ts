/**
 * Every screen of steps 四/五 on the demo campaign (an issue solved and one open, 数据反馈, a
 * root cause, an adjustment applied and one awaiting approval), in zh-CN light, zh-CN dark and
 * English, 1280 and 1920 px wide: each draws without an error in the page, no column header of
 * its grids is cut off, and a screenshot of each is kept (SHOTS_DIR, else test-results/screens)
 * for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENS, type Browser } from '../helpers/browser';
import { openSession, type Session } from '../helpers/session';

let session: Session;
let browser: Browser;
let page: Page;
const dir = process.env.SHOTS_DIR || SCREENS;

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  session = await openSession('ct-e2e-follow-shots-');
  browser = session.browser;
  page = browser.page;
  await page.goto(session.bridge.url);
  await page.getByTestId('project-item').first().waitFor();
});

afterAll(async () => {
  await session?.close();
});

// The page's own globals, for the callbacks that run inside the browser.
declare const document: {
  querySelectorAll(
    selector: string,
  ): ArrayLike<{ scrollWidth: number; clientWidth: number; textContent: string | null }>;
};

/** Header texts of the visible grids that do not fit their column. */
function cutHeaders(): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.ag-header-cell-text'))
      .filter((h) => h.scrollWidth > h.clientWidth + 1)
      .map((h) => h.textContent ?? ''),
  );
}

const LOOKS = [
  { name: 'zh-light', language: 'zh-CN', theme: 'light' },
  { name: 'zh-dark', language: 'zh-CN', theme: 'dark' },
  { name: 'en-light', language: 'en', theme: 'light' },
] as const;

/** The screens, each reached from the project page, with what must be on it. */
const SCREENS_TO_SHOOT: { name: string; open(p: Page): Promise<void>; ready: string }[] = [
  { name: 'issues', open: (p) => view(p, 1, 'issues'), ready: 'issues-grid' },
  { name: 'feedback', open: (p) => view(p, 1, 'feedback'), ready: 'feedback-grid' },
  {
    name: 'causes',
    open: async (p) => {
      await view(p, 1, 'causes');
      await p
        .locator('[data-testid="causes-grid"] .ag-row[row-index="0"] .ag-cell[col-id="category"]')
        .click();
    },
    ready: 'cause-links',
  },
  {
    name: 'adjustments',
    open: async (p) => {
      await view(p, 2, 'adjustments');
      await p
        .locator('[data-testid="adjustments-grid"] .ag-row[row-index="0"] .ag-cell[col-id="status"]')
        .click();
    },
    ready: 'adjustment-detail',
  },
  {
    name: 'adjustment-trail',
    open: async (p) => {
      await view(p, 2, 'adjustments');
      await p.getByTestId('adjustment-history').scrollIntoViewIfNeeded();
    },
    ready: 'adjustment-history',
  },
  {
    name: 'approval-form',
    open: async (p) => {
      await view(p, 2, 'adjustments');
      await p.getByTestId('print-form').click();
    },
    ready: 'approval-form',
  },
  { name: 'settings', open: (p) => view(p, 2, 'settings'), ready: 'major-rules' },
  {
    // The one awaiting approval: applying it first is refused (major, not approved), nothing written.
    name: 'adjustment-refused',
    open: async (p) => {
      await view(p, 2, 'adjustments');
      await p
        .locator('[data-testid="adjustments-grid"] .ag-row[row-index="1"] .ag-cell[col-id="status"]')
        .click();
      await p.getByTestId('wf-apply').click();
      await p.getByTestId('workflow-refusal').scrollIntoViewIfNeeded();
    },
    ready: 'workflow-refusal',
  },
  { name: 'overview', open: (p) => tab(p, 0), ready: 'attention' },
  { name: 'table1', open: (p) => tab(p, 2), ready: 'tracking-grid' },
];

/** The project page's tabs by position (their names change with the language): 0 概览, 2 跟踪总表, 5 问题与反馈, 6 调整审批. */
async function tab(p: Page, index: number) {
  await p.locator('.tabs > [role="tab"]').nth(index).click();
}
async function view(p: Page, which: 1 | 2, name: string) {
  await tab(p, which === 1 ? 5 : 6);
  // The approval form is a page of its own: back to the list first.
  if (await p.getByTestId('close-form').count()) await p.getByTestId('close-form').click();
  await p.getByTestId(`view-${name}`).click();
}

describe('screens of steps 四 and 五', () => {
  for (const look of LOOKS) {
    it(`draw in ${look.name} at 1280 and 1920 px, headers whole`, async () => {
      await page.locator('.side-footer select').nth(0).selectOption(look.theme);
      await page.locator('.side-footer select').nth(1).selectOption(look.language);
      const cut: string[] = [];
      for (const width of [1280, 1920]) {
        await page.setViewportSize({ width, height: 900 });
        for (const screen of SCREENS_TO_SHOOT) {
          await screen.open(page);
          await page.getByTestId(screen.ready).waitFor();
          await page.waitForTimeout(150); // grids size their columns after the first frame
          await page.screenshot({ path: join(dir, `${screen.name}-${look.name}-${width}.png`) });
          if (screen.name !== 'table1' && screen.name !== 'overview')
            cut.push(...(await cutHeaders()).map((h) => `${screen.name}@${width}: ${h}`));
        }
      }
      expect(cut).toEqual([]);
    });
  }

  it('prints the approval form alone (no sidebar, tabs or toolbar)', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await view(page, 2, 'adjustments');
    await page.getByTestId('print-form').click();
    await page.getByTestId('approval-form').waitFor();
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.locator('.side').isVisible()).toBe(false);
      expect(await page.locator('.tabs').isVisible()).toBe(false);
      expect(await page.getByTestId('close-form').isVisible()).toBe(false);
      expect(await page.getByTestId('approval-form').isVisible()).toBe(true);
      await page.screenshot({ path: join(dir, 'approval-form-print.png'), fullPage: true });
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('reported no errors in the page', () => {
    expect(browser.problems).toEqual([]);
  });
});
