/**
 * The printed reports end to end: one session on the demo campaign (its id looked up), channels
 * called from the page as the renderer calls them, a report page opened and printed with
 * page.pdf() (the engine behind Electron's printToPDF), and the PDF read back with pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openSession, type Session } from './session';

/** Pictures of the pages and screens, for a person to look at (never in the repository). */
export const REPORT_SHOTS = process.env.CT_SHOTS_DIR ?? '';

export interface ReportSession {
  session: Session;
  page: Page;
  /** The demo campaign, 2024夏季新品推广. */
  demoId: string;
  /** A channel called from the page, as the renderer calls it (the bridge's token and origin). */
  api<T = unknown>(channel: string, payload: unknown): Promise<T>;
  /** Opens the report page, waits until it says it is drawn, prints it; the PDF's path. */
  print(name: string, params: Record<string, string>): Promise<string>;
  close(): Promise<void>;
}

/**
 * `prefix` names the data folder; `shotsDpi` the resolution of the pictures of the pages, kept
 * in CT_SHOTS_DIR for a person to look at (never in the repository) when it is set.
 */
export async function openReportSession(prefix: string, shotsDpi: number): Promise<ReportSession> {
  const session = await openSession(prefix);
  const page = session.browser.page;
  const pdfDir = mkdtempSync(join(tmpdir(), `${prefix}pdf-`));
  const shots = REPORT_SHOTS;
  const base = () => session.bridge.url.split('#')[0]!;

  async function api<T = unknown>(channel: string, payload: unknown): Promise<T> {
    const answer = await page.evaluate(
      async ([c, p, token]) => {
        const r = await fetch(`/api/${c}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-bridge-token': token },
          body: JSON.stringify(p),
        });
        return (await r.json()) as { ok: boolean; value?: unknown; error?: unknown };
      },
      [channel, payload, session.bridge.token] as const,
    );
    if (!answer.ok) throw new Error(`${channel}: ${JSON.stringify(answer.error)}`);
    return answer.value as T;
  }

  async function print(name: string, params: Record<string, string>): Promise<string> {
    const q = new URLSearchParams(params).toString();
    await page.goto(`${base()}#/report?${q}`);
    await page.waitForSelector('body[data-report-ready="true"]', { timeout: 60_000 });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const file = join(pdfDir, `${name}.pdf`);
    writeFileSync(file, pdf);
    if (shots) {
      mkdirSync(shots, { recursive: true });
      execFileSync('pdftoppm', ['-r', String(shotsDpi), '-png', file, join(shots, name)]);
    }
    return file;
  }

  await page.goto(session.bridge.url);
  await page.getByTestId('project-item').first().waitFor();
  const demoId = (await api<{ id: string; name: string }[]>('projects.list', {})).find(
    (p) => p.name === '2024夏季新品推广',
  )!.id;
  return {
    session,
    page,
    demoId,
    api,
    print,
    async close() {
      await session.close();
      rmSync(pdfDir, { recursive: true, force: true });
    },
  };
}

/** The PDF's words as laid out on its pages (one page when `pageNo` is given). */
export const pdfText = (file: string, pageNo?: number) =>
  execFileSync('pdftotext', [
    '-layout',
    ...(pageNo ? ['-f', String(pageNo), '-l', String(pageNo)] : []),
    file,
    '-',
  ]).toString();
