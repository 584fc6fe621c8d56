/**
 * On an item of 概览's attention list: 记为数据反馈 turns it into a 数据反馈 record in one action
 * (metric, target, actual and gap as they are now). The item's stable key is kept with the
 * record, so the same gap is never recorded twice: once recorded, the item links to its record.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attention } from '../../../src-main/shared/tracking';
import { useStore } from '../../store';
import './follow-up.css';

export function RecordGapButton({ item, words }: { item: Attention; words: string }) {
  const { t } = useTranslation();
  const followUp = useStore((s) => s.followUp);
  const record = useStore((s) => s.feedbackFromAttention);
  const openRecord = useStore((s) => s.openRecord);
  const [busy, setBusy] = useState(false);
  const [again, setAgain] = useState(false);
  const recorded = followUp?.feedback.find((f) => f.gapKey === item.key);
  if (!followUp) return null;
  if (recorded)
    return (
      <span className="gap-recorded" data-testid="gap-recorded">
        {again && <span className="muted">{t('followUp.gapAlready')} · </span>}
        <button className="link" onClick={() => openRecord('feedback', recorded.id)}>
          ✓ {t('followUp.gapRecorded')}
        </button>
      </span>
    );
  return (
    <button
      className="small-button"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void record(item.key, words).then((r) => {
          setBusy(false);
          if (r.ok && !r.value.created) setAgain(true);
        });
      }}
      title={t('followUp.recordGapHint')}
      data-testid="record-gap"
    >
      {t('followUp.recordGap')}
    </button>
  );
}
