import { useTranslation } from 'react-i18next';
import { describeError, fieldLabel } from '../i18n/describe-error';
import { useStore } from '../store';

/** The reason of the last refused write, e.g. "M003 · 当前进度：不能大于 100". */
export function NoticeBar() {
  const { t } = useTranslation();
  const notice = useStore((s) => s.notice);
  const dismiss = useStore((s) => s.showNotice);
  if (!notice) return null;
  const field = notice.entity ? fieldLabel(t, notice.entity, notice.error.path) : '';
  const reason = describeError(t, notice.error);
  const text = [notice.label, field ? t('app.fieldReason', { field, reason }) : reason]
    .filter(Boolean)
    .join(' · ');
  return (
    <div className="notice error" role="alert" data-testid="notice">
      <span className="notice-icon" aria-hidden="true">
        ⚠
      </span>
      <span className="notice-text">{text}</span>
      <button className="link" onClick={() => dismiss(null)}>
        {t('app.dismiss')}
      </button>
    </div>
  );
}
