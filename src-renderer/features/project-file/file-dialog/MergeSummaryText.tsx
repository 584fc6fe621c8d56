import { useTranslation } from 'react-i18next';
import type { MergeSummary } from '../../../../src-main/shared/project-file-contract';

/** What a merge does (preview) or did (`decided`: its conflicts were settled as chosen). */
export function MergeSummaryText({ summary, decided = false }: { summary: MergeSummary; decided?: boolean }) {
  const { t } = useTranslation();
  const parts = [
    t('projectFile.summaryAdded', { count: summary.added }),
    t('projectFile.summaryUpdated', { count: summary.updated }),
    t('projectFile.summaryDeleted', { count: summary.deleted }),
  ];
  return (
    <>
      {parts.join(t('projectFile.listSeparator'))}
      {summary.conflicts > 0 && (
        <>
          {' · '}
          {t(decided ? 'projectFile.summaryDecided' : 'projectFile.summaryConflicts', {
            count: summary.conflicts,
          })}
        </>
      )}
      {summary.renumbered.length > 0 && (
        <>
          {' · '}
          {t('projectFile.summaryRenumbered', {
            list: summary.renumbered.map((r) => `${r.from} → ${r.to}`).join(t('projectFile.listSeparator')),
          })}
        </>
      )}
    </>
  );
}
