/**
 * Driving AG Grid in the real page: cells by row id and column id, edits through the real
 * editors, and clipboard pastes as the browser delivers them.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

// The page's own globals, for the callbacks that run inside the browser.
declare const document: {
  querySelector(selector: string): { dispatchEvent(event: unknown): boolean } | null;
};
declare class DataTransfer {
  setData(type: string, value: string): void;
}
declare class ClipboardEvent {
  constructor(type: string, init: { clipboardData: DataTransfer; bubbles: boolean; cancelable: boolean });
}

export function gridCell(page: Page, rowId: string, colId: string) {
  return page.locator(`.ag-row[row-id="${rowId}"] .ag-cell[col-id="${colId}"]`);
}

/** Double-click a cell, type into its editor (inline or popup), Enter. */
export async function editCell(page: Page, rowId: string, colId: string, value: string) {
  await gridCell(page, rowId, colId).dblclick();
  const input = page.locator('.ag-cell-inline-editing input, .ag-popup-editor textarea').first();
  await input.waitFor();
  await input.fill(value);
  await input.press('Enter');
}

/** Pick a value in the grid's select editor by its label. */
export async function pickInCell(page: Page, rowId: string, colId: string, label: string) {
  await gridCell(page, rowId, colId).dblclick();
  await page.locator('.ag-cell-inline-editing .ag-picker-field-wrapper').click();
  await page.locator('.ag-list-item').getByText(label, { exact: true }).click();
}

/** Waits until no cell is marked as unsaved. */
export async function settled(page: Page) {
  await expect.poll(() => page.locator('.cell-pending').count()).toBe(0);
}

/** Pastes text onto the grid as Ctrl+V from Excel would (the focused cell is the anchor). */
export async function pasteInto(page: Page, hostTestId: string, text: string) {
  await page.evaluate(
    ([selector, data]) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', data);
      document
        .querySelector(selector)
        ?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    },
    [`[data-testid="${hostTestId}"]`, text] as const,
  );
}
