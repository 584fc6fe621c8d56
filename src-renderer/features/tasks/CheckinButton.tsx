/**
 * 打卡: a progress check-in of the current task (its progress becomes the checked-in figure). The
 * form belongs to the task that was current when it opened.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../src-main/shared/domain';
import { useStore } from '../../store';

export function CheckinButton({ enabled, currentTask }: { enabled: boolean; currentTask(): Task | null }) {
  const { t } = useTranslation();
  const checkIn = useStore((s) => s.checkIn);
  const [task, setTask] = useState<Task | null>(null);
  const [open, setOpen] = useState(false);
  const [progress, setProgress] = useState('');
  const [note, setNote] = useState('');
  const start = () => {
    const now = currentTask();
    if (!now) return;
    setTask(now);
    setProgress(String(now.progress));
    setNote('');
    setOpen(true);
  };
  const save = async () => {
    const value = Number(progress);
    if (!task || !Number.isInteger(value) || value < 0 || value > 100) {
      useStore.getState().showNotice({ error: { code: 'invalid_input', reason: 'not_integer' } });
      return;
    }
    if ((await checkIn(task.id, value, note)).ok) setOpen(false);
  };
  return (
    <span className="checkin">
      <button disabled={!enabled} onClick={start} data-testid="checkin">
        ✓ {t('checkin.button')}
      </button>
      {open && task && (
        <span className="checkin-form" role="dialog" aria-label={t('checkin.title')}>
          <strong>{task.code}</strong>
          <label>
            {t('checkin.progress')}
            <input
              type="number"
              min={0}
              max={100}
              value={progress}
              onChange={(e) => setProgress(e.target.value)}
              data-testid="checkin-progress"
              autoFocus
            />
          </label>
          <input
            value={note}
            placeholder={t('checkin.note')}
            aria-label={t('checkin.note')}
            onChange={(e) => setNote(e.target.value)}
          />
          <button className="primary" onClick={() => void save()} data-testid="checkin-save">
            {t('checkin.save')}
          </button>
          <button onClick={() => setOpen(false)}>{t('app.cancel')}</button>
        </span>
      )}
    </span>
  );
}
