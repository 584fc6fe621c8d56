/**
 * 打开项目文件…: the system's file chooser (a native dialog in the app), and the whole window as
 * a drop target for a .ctproj file. Either way the file goes to the preview; nothing is written.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayFileName } from '../../../src-main/shared/file-names';
import { isProjectFileName, PROJECT_FILE_EXTENSION, useProjectFile } from './project-file-store';

export function OpenProjectFileButton() {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const openFile = useProjectFile((s) => s.openFile);
  const pickRequests = useProjectFile((s) => s.pickRequests);
  const busy = useProjectFile((s) => s.busy === 'reading');

  // The menu item (and its shortcut) ask for the chooser through the store.
  useEffect(() => {
    if (pickRequests > 0) inputRef.current?.click();
  }, [pickRequests]);

  return (
    <>
      <button
        className="block subtle"
        title={t('projectFile.openHint')}
        disabled={busy}
        onClick={() => inputRef.current?.click()}
        data-testid="open-project-file"
      >
        {busy ? t('projectFile.reading') : t('app.openFile')}
      </button>
      <input
        ref={inputRef}
        type="file"
        accept={PROJECT_FILE_EXTENSION}
        hidden
        data-testid="open-project-file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ''; // the same file can be chosen again
          if (file) void openFile(file);
        }}
      />
    </>
  );
}

/** Covers the window while a file is dragged over it; a dropped .ctproj opens its preview. */
export function ProjectFileDropZone() {
  const { t } = useTranslation();
  const openFile = useProjectFile((s) => s.openFile);
  const fail = useProjectFile((s) => s.fail);
  const [over, setOver] = useState(false);

  useEffect(() => {
    let depth = 0; // dragenter/leave fire for every child element crossed
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setOver(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const overHandler = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault(); // allows the drop (and stops the browser from opening the file)
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      if (isProjectFileName(file.name)) void openFile(file);
      else
        fail({
          code: 'file_refused',
          reason: 'wrong_extension',
          params: { name: displayFileName(file.name) },
        });
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', overHandler);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', overHandler);
      window.removeEventListener('drop', drop);
    };
  }, [openFile, fail]);

  if (!over) return null;
  return (
    <div className="drop-zone" data-testid="drop-zone">
      <div className="drop-zone-box">{t('projectFile.dropHere')}</div>
    </div>
  );
}
