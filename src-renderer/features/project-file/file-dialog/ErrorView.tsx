/** Why a file was refused (and, for a broken file, where), with nothing changed. */
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../../src-main/shared/errors';
import { describeFileError } from './describe-file-error';
import { DialogOk } from './DialogOk';

export function ErrorView({ error, onClose }: { error: AppErrorData; onClose(): void }) {
  const { t } = useTranslation();
  const problems = error.problems?.slice(0, 8) ?? [];
  return (
    <>
      <h2 id="file-dialog-title">{t('projectFile.refusedTitle')}</h2>
      <p role="alert" data-testid="file-error">
        {describeFileError(t, error)}
      </p>
      {problems.length > 0 && (
        <ul className="file-problems">
          {problems.map((p, i) => (
            <li key={i}>
              {(p.path ?? []).join(' · ')} —{' '}
              {describeFileError(t, { code: 'file_refused', reason: p.reason, params: p.params })}
            </li>
          ))}
        </ul>
      )}
      {error.code === 'file_refused' && <p className="muted">{t('projectFile.nothingChanged')}</p>}
      <DialogOk onClose={onClose} />
    </>
  );
}
