/**
 * The printed page's rules as CSS: paper and orientation, margins, and the page-margin boxes
 * that carry the running header and the footer (第 X 页 / 共 Y 页, print date). Margin boxes are
 * laid out with the document's fonts, so they are set in the shipped font like the rest, and
 * both printers (printToPDF, page.pdf) read them the same way.
 */
import type { ReportRequest } from './report-route';

/** Text as a CSS string (the margin boxes of @page take their content as one). */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r\f]/g, ' ')}"`;
}

/** The rules of the printed page; `footer.page` holds {{page}} and {{pages}} where the counters go. */
export function pageCss(
  request: Pick<ReportRequest, 'paper' | 'orientation'>,
  header: string,
  footer: { page: string; date: string },
): string {
  const [before, after] = footer.page.split('{{page}}');
  const [middle, end] = (after ?? '').split('{{pages}}');
  const box = `font-family: 'Noto Sans SC'; font-size: 8pt; color: #646a73;`;
  return `@page {
  size: ${request.paper} ${request.orientation};
  margin: 18mm 15mm 16mm 15mm;
  @top-left { content: ${cssString(header)}; ${box} }
  @bottom-center { content: ${cssString(before ?? '')} counter(page) ${cssString(middle ?? '')} counter(pages) ${cssString(end ?? '')}; ${box} }
  @bottom-right { content: ${cssString(footer.date)}; ${box} }
}
@page :first { @top-left { content: none; } }`;
}
