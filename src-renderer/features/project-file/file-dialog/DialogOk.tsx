/** The dialog's one way out after a refusal or a finished import: an OK button, focused. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export function DialogOk({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const okRef = useRef<HTMLButtonElement>(null);
  useEffect(() => okRef.current?.focus(), []);
  return (
    <div className="dialog-actions">
      <button ref={okRef} className="primary" onClick={onClose}>
        {t('projectFile.ok')}
      </button>
    </div>
  );
}
