/**
 * What a project file holds, before anything is written: project, owner, period, counts, who
 * exported it and when. For a colleague's copy of a project already here, what merging it would
 * do, and every conflict side by side (mine / theirs / what both started from) to decide.
 * This is the dialog's frame; each view of it is a component of file-dialog/.
 */
import { useTranslation } from 'react-i18next';
import { useProjectFile } from './project-file-store';
import { DoneView } from './file-dialog/DoneView';
import { ErrorView } from './file-dialog/ErrorView';
import { PreviewView } from './file-dialog/PreviewView';
import './project-file.css';

export function FilePreviewDialog() {
  const { t } = useTranslation();
  const state = useProjectFile();
  if (state.fileName === null) return null;
  const close = state.close;
  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && state.busy === null && close()}>
      <div
        className={`dialog file-dialog${state.preview ? '' : ' narrow'}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby="file-dialog-title"
        data-testid="file-dialog"
      >
        {state.busy === 'reading' && (
          <>
            <h2 id="file-dialog-title">{t('projectFile.readingTitle')}</h2>
            <p className="busy-line">
              <span className="spinner" aria-hidden="true" />
              {t('projectFile.readingBody', { name: state.fileName })}
            </p>
          </>
        )}
        {state.error && !state.preview && <ErrorView error={state.error} onClose={close} />}
        {state.preview && <PreviewView preview={state.preview} />}
        {state.done && <DoneView done={state.done} onClose={close} />}
      </div>
    </div>
  );
}
