/** The file imported or merged: what was done, and that one undo takes a merge back. */
import { useTranslation } from 'react-i18next';
import type { MergeSummary } from '../../../../src-main/shared/project-file-contract';
import { DialogOk } from './DialogOk';
import { MergeSummaryText } from './MergeSummaryText';

export function DoneView({
  done,
  onClose,
}: {
  done: { projectName: string; mode: string; merge: MergeSummary | null };
  onClose(): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <h2 id="file-dialog-title">
        {done.mode === 'merge' ? t('projectFile.mergedTitle') : t('projectFile.importedTitle')}
      </h2>
      <p data-testid="file-done">
        {done.merge ? (
          <>
            {t('projectFile.mergedBody', { name: done.projectName })}{' '}
            <MergeSummaryText summary={done.merge} decided />
            <br />
            <span className="muted">{t('projectFile.undoHint')}</span>
          </>
        ) : (
          t('projectFile.importedBody', { name: done.projectName })
        )}
      </p>
      <DialogOk onClose={onClose} />
    </>
  );
}
