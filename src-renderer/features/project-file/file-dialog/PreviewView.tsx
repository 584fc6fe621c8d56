/**
 * The file's preview and its choices: import it, import it as a copy under a new name, or, for a
 * colleague's copy of a project already here, merge it once every conflict is decided.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FilePreview } from '../../../../src-main/shared/project-file-contract';
import { useProjectFile, type Resolution } from '../project-file-store';
import { ConflictTable } from './ConflictTable';
import { describeFileError } from './describe-file-error';
import { FileFacts } from './FileFacts';
import { MergeSummaryText } from './MergeSummaryText';

export function PreviewView({ preview }: { preview: FilePreview }) {
  const { t } = useTranslation();
  const { busy, error, write, close } = useProjectFile();
  const [copyName, setCopyName] = useState<string | null>(null);
  const [choices, setChoices] = useState<Record<string, Resolution>>({});
  const merge = preview.merge;
  const conflicts = merge?.conflicts ?? [];
  const total = merge?.conflictsTotal ?? 0;
  const undecided = conflicts.filter((c) => !choices[c.id]).length;
  // Beyond the conflicts listed, the bulk choice applies; without one, all must be decided.
  const [rest, setRest] = useState<Resolution | null>(null);
  const canMerge = total === 0 || (undecided === 0 && (total === conflicts.length || rest !== null));

  const chooseAll = (r: Resolution) => {
    setChoices(Object.fromEntries(conflicts.map((c) => [c.id, r])));
    setRest(r);
  };

  return (
    <>
      <h2 id="file-dialog-title">
        {preview.mode === 'merge' ? t('projectFile.mergeTitle') : t('projectFile.openTitle')}
      </h2>
      <FileFacts preview={preview} />
      {preview.mode === 'new' ? (
        <p className="muted">{t('projectFile.newProjectNote')}</p>
      ) : (
        merge && (
          <>
            <p data-testid="merge-intro">
              {t('projectFile.mergeIntro', {
                name: preview.summary.projectName,
                exporter: preview.summary.exporterName || t('projectFile.unknownPerson'),
              })}
            </p>
            <p className="merge-summary" data-testid="merge-summary">
              <MergeSummaryText summary={merge.summary} />
            </p>
            {total > 0 && (
              <ConflictTable
                conflicts={conflicts}
                choices={choices}
                onChoose={(id, r) => setChoices((c) => ({ ...c, [id]: r }))}
                onChooseAll={chooseAll}
                hidden={total - conflicts.length}
              />
            )}
          </>
        )
      )}
      {copyName !== null && (
        <label className="copy-name">
          {t('projectFile.copyName')}
          <input
            autoFocus
            value={copyName}
            maxLength={200}
            onChange={(e) => setCopyName(e.target.value)}
            data-testid="copy-name"
          />
        </label>
      )}
      {error && (
        <p className="file-write-error" role="alert" data-testid="file-error">
          {describeFileError(t, error)}
        </p>
      )}
      <div className="dialog-actions">
        <button onClick={close} disabled={busy !== null}>
          {t('app.cancel')}
        </button>
        {copyName === null ? (
          <button
            onClick={() =>
              setCopyName(t('projectFile.copyDefaultName', { name: preview.summary.projectName }))
            }
            disabled={busy !== null}
            data-testid="import-as-copy"
          >
            {t('projectFile.importAsCopy')}
          </button>
        ) : (
          <button
            className="primary"
            disabled={busy !== null || copyName.trim() === ''}
            onClick={() => void write('copy', { name: copyName.trim() })}
            data-testid="confirm-copy"
          >
            {t('projectFile.confirmCopy')}
          </button>
        )}
        {copyName === null && preview.mode === 'new' && (
          <button
            className="primary"
            disabled={busy !== null}
            onClick={() => void write('new')}
            data-testid="import-new"
          >
            {busy === 'writing' ? t('projectFile.writing') : t('projectFile.importNew')}
          </button>
        )}
        {copyName === null && preview.mode === 'merge' && (
          <button
            className="primary"
            disabled={busy !== null || !canMerge}
            title={canMerge ? undefined : t('projectFile.decideFirst', { count: undecided })}
            onClick={() =>
              void write('merge', { resolutions: choices, ...(rest ? { defaultResolution: rest } : {}) })
            }
            data-testid="confirm-merge"
          >
            {busy === 'writing' ? t('projectFile.writing') : t('projectFile.merge')}
          </button>
        )}
      </div>
    </>
  );
}
