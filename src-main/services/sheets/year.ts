/**
 * The year of dates written without one ("5月1日-7月31日"). A plan is read in its own context:
 * the year the user chose in the preview; else one written in the sheet — its title or name,
 * the strategy's name or period (Table 1), a full date elsewhere in the file —; else the file's
 * name; else the project's period or name; else this year. The preview says which was assumed
 * and where it came from, and lets the user change it.
 */
import type { Project } from '../../shared/domain';
import type { SheetData } from './grid';

export type YearSource = 'chosen' | 'sheet' | 'dates' | 'fileName' | 'project' | 'today';

export interface YearContext {
  value: number;
  source: YearSource;
  /** The text the year was found in (empty for 'chosen' and 'today'). */
  text: string;
}

/** A year standing on its own in a text: 2024夏季新品推广, 2023年, FY2024 — not the digits of 20240501. */
export function yearIn(text: string): number | null {
  const m = /(?:^|\D)((?:19|20)\d{2})(?!\d)/.exec(text);
  return m ? Number(m[1]) : null;
}

/** Whether a date or period text leaves its year out (and so takes the context's). */
export function lacksYear(text: string): boolean {
  return text.trim() !== '' && !/\d{4}/.test(text);
}

/** Table 1's strategy cells (its name and 时间周期) say the plan's year; Table 2 has none. */
const CONTEXT_FIELDS = { modules: ['strategy', 'period'], tasks: [] as string[] };
const DATE_FIELDS = ['start', 'end', 'period'];

export function yearContext(
  data: SheetData,
  fileName: string,
  project: Project,
  chosen: number | undefined,
  today: Date = new Date(),
): YearContext {
  if (chosen !== undefined) return { value: chosen, source: 'chosen', text: '' };
  const found = (texts: string[], source: YearSource): YearContext | null => {
    for (const text of texts) {
      const value = yearIn(text);
      if (value !== null) return { value, source, text };
    }
    return null;
  };
  const cells = (fields: string[]) =>
    data.rows.flatMap((r) => fields.map((f) => (r.cells[f] ?? '').trim()).filter(Boolean));
  return (
    found([...data.titles, ...cells(CONTEXT_FIELDS[data.table])], 'sheet') ??
    found(cells(DATE_FIELDS), 'dates') ??
    found([fileName.replace(/\.[^.]*$/, '')], 'fileName') ??
    found([project.start ?? '', project.name], 'project') ?? {
      value: today.getFullYear(),
      source: 'today',
      text: '',
    }
  );
}
