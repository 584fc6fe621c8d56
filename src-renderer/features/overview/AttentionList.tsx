import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attention, Dashboard } from '../../../src-main/shared/tracking';
import { useStore } from '../../store';
import type { ProjectTab } from '../../store/ui-slice';
import { attentionWords } from './attention-words';

/** 需要关注: the gaps found in the data, each a link to its row. */
export function AttentionList({
  dashboard,
  action,
}: {
  dashboard: Dashboard;
  /** A control after an item (e.g. 记为数据反馈), given the item and its words. */
  action?: (item: Attention, words: string) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const openTab = useStore((s) => s.openTab);
  return (
    <div className="card attention" data-testid="attention">
      <h3>
        {t('attention.title')}
        <span className="count">{dashboard.kpis.attentionCount}</span>
      </h3>
      {dashboard.attention.length === 0 ? (
        <p className="muted">{t('attention.empty')}</p>
      ) : (
        <ul>
          {dashboard.attention.slice(0, 30).map((item) => (
            <li key={item.key} className={`attention-item ${item.severity}`} data-key={item.key}>
              <span className="severity-dot" aria-hidden="true" />
              <AttentionLink item={item} onOpen={openTab} />
              {action?.(item, attentionWords(item, t, i18n.language).text)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The item's words, compact; the exact figures in the tooltip; a click opens its row. */
function AttentionLink({
  item,
  onOpen,
}: {
  item: Attention;
  onOpen: (tab: ProjectTab, rowId?: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { text, exact } = attentionWords(item, t, i18n.language);
  return (
    <button
      className="link"
      title={exact}
      onClick={() => onOpen(item.target.tab as ProjectTab, item.target.rowId)}
    >
      {text}
    </button>
  );
}
