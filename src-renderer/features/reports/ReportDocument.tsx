/**
 * A printed report as one document: the page rules (@page: paper, orientation, margins, the
 * running header with the strategy's name and the report's title, 第 X 页 / 共 Y 页 and the
 * print date in the footer), an optional cover, then the chosen sections numbered 一、二、三…
 * and the appendices. Shown as it will print in the preview, printed as it is by printToPDF
 * and by Chromium's own printer through the bridge.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { formatDate, formatPeriod } from '../../i18n/format';
import type { ReportData } from './report-data';
import type { ReportRequest } from './report-route';
import { pageCss } from './page-rules';
import { REPORTS, type RenderContext } from './sections';
import './report-fonts';
import './report.css';

/** 一、二、三… in Chinese, 1. 2. 3. in English: the template numbers its headings the first way. */
function headingNumber(t: TFunction, i: number): string {
  const numerals = t('report.numerals').split('|');
  return t('report.headingNumber', { n: numerals[i] ?? String(i + 1) });
}

export function ReportDocument({
  data,
  request,
  t,
  language,
  onReady,
}: {
  data: ReportData;
  request: ReportRequest;
  t: TFunction;
  language: string;
  /** Called once the document is drawn: data, charts and the shipped font in place. */
  onReady?: () => void;
}) {
  const definition = REPORTS[request.kind];
  const chosen = definition.sections.filter((s) => !request.off.includes(s.id));
  const numbered = chosen.filter((s) => !s.appendix);
  const appendices = chosen.filter((s) => s.appendix);
  const expectedCharts = chosen.reduce((n, s) => n + (s.charts?.(data) ?? 0), 0);
  const drawn = useRef(0);
  const [chartsDone, setChartsDone] = useState(expectedCharts === 0);
  const chartReady = useCallback(() => {
    drawn.current += 1;
    if (drawn.current >= expectedCharts) setChartsDone(true);
  }, [expectedCharts]);
  const ctx: RenderContext = useMemo(() => ({ t, language, chartReady }), [t, language, chartReady]);

  const title = t(definition.titleKey);
  const owner = data.people.find((p) => p.id === data.project.ownerId)?.name ?? '';
  const period = formatPeriod(data.project.start, data.project.end, language);
  const css = pageCss(request, `${data.project.name} · ${title}`, {
    page: t('report.pageOf'),
    date: t('report.printedOn', { date: formatDate(data.printedOn, language) }),
  });

  useEffect(() => {
    if (!chartsDone || !onReady) return;
    let cancelled = false;
    // The font's subsets load as the text needs them: wait for them, then for a painted frame.
    void document.fonts.ready.then(() =>
      requestAnimationFrame(() => requestAnimationFrame(() => !cancelled && onReady())),
    );
    return () => {
      cancelled = true;
    };
  }, [chartsDone, onReady]);

  return (
    <article
      className={`report report-${request.kind}`}
      data-paper={request.paper}
      data-orientation={request.orientation}
      data-testid="report"
      lang={language}
    >
      <style>{css}</style>
      {definition.cover ? (
        <section className="report-cover" data-testid="report-cover">
          <div className="report-cover-kicker">{t('report.coverKicker')}</div>
          <h1>{data.project.name}</h1>
          <div className="report-cover-title">{title}</div>
          <dl>
            <dt>{t('fields.project.goal')}</dt>
            <dd>{data.project.goal || '—'}</dd>
            <dt>{t('fields.project.period')}</dt>
            <dd>{period || '—'}</dd>
            <dt>{t('fields.project.ownerId')}</dt>
            <dd>{owner || '—'}</dd>
            <dt>{t('report.date')}</dt>
            <dd>{formatDate(data.printedOn, language)}</dd>
          </dl>
        </section>
      ) : (
        <header className="report-head">
          <h1>
            {data.project.name} · {title}
          </h1>
          <p>
            {data.form
              ? t('adjust.formStatus', { status: t(`adjStatus.${data.form.adjustment.status}`) })
              : data.period
                ? t('report.weeklyPeriod', {
                    n: data.periodIndex + 1,
                    period: formatPeriod(data.period.start, data.period.end, language),
                  })
                : t('report.noPeriod')}
            {' · '}
            {t('fields.project.ownerId')}
            {t('app.colon')}
            {owner || '—'}
          </p>
        </header>
      )}
      {numbered.map((s, i) => (
        <section key={s.id} className="report-section" data-section={s.id}>
          <h2>
            {headingNumber(t, i)}
            {t(s.titleKey)}
          </h2>
          {s.render(data, ctx)}
        </section>
      ))}
      {appendices.map((s) => (
        <section key={s.id} className="report-section report-appendix" data-section={s.id}>
          <h2>
            {t('report.appendix')}
            {t(s.titleKey)}
          </h2>
          {s.render(data, ctx)}
        </section>
      ))}
    </article>
  );
}
