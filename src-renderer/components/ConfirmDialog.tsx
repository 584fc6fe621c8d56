import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** A small confirmation for destructive actions (the only dialogs the app shows). */
export function ConfirmDialog(props: {
  title: string;
  body: string;
  confirmLabel: string;
  /** 'danger' (the default) for destructive actions, 'primary' for a confirmation that adds. */
  tone?: 'danger' | 'primary';
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}>
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title">
        <h2 id="confirm-title">{props.title}</h2>
        <p>{props.body}</p>
        <div className="dialog-actions">
          <button ref={cancelRef} onClick={props.onCancel}>
            {t('app.cancel')}
          </button>
          <button className={props.tone ?? 'danger'} onClick={props.onConfirm} data-testid="confirm-ok">
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
