/** What a project file holds: project, owner, period, who exported it when, and its counts. */
import { useTranslation } from 'react-i18next';
import type { FilePreview } from '../../../../src-main/shared/project-file-contract';
import { formatPeriod } from '../../../i18n/format';

/** Counts shown in the preview, in the template's order. */
const COUNTED = [
  'people',
  'modules',
  'tasks',
  'task_links',
  'metrics',
  'metric_actuals',
  'tracking_periods',
  'spend_entries',
  'task_checkins',
] as const;

export function FileFacts({ preview }: { preview: FilePreview }) {
  const { t, i18n } = useTranslation();
  const s = preview.summary;
  const exportedAt = new Date(s.exportedAt);
  const when = Number.isNaN(exportedAt.getTime())
    ? s.exportedAt
    : new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(exportedAt);
  return (
    <>
      <dl className="file-facts">
        <dt>{t('projectFile.project')}</dt>
        <dd data-testid="file-project-name">{s.projectName}</dd>
        <dt>{t('projectFile.owner')}</dt>
        <dd>{s.ownerName ?? t('projectFile.none')}</dd>
        <dt>{t('projectFile.period')}</dt>
        <dd>{formatPeriod(s.startDate, s.endDate, i18n.language) || t('projectFile.none')}</dd>
        <dt>{t('projectFile.exportedBy')}</dt>
        <dd>
          {s.exporterName || t('projectFile.unknownPerson')} · {when}
        </dd>
        <dt>{t('projectFile.format')}</dt>
        <dd>{t('projectFile.formatVersion', { version: s.format })}</dd>
      </dl>
      <ul className="file-counts" data-testid="file-counts">
        {COUNTED.map((table) => (
          <li key={table}>
            <strong>{s.counts[table] ?? 0}</strong> {t(`projectFile.table.${table}`)}
          </li>
        ))}
      </ul>
    </>
  );
}
