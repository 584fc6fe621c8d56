/**
 * 备份与恢复: the backups kept in the data folder (newest first, with kind and size), a manual
 * backup now, and a restore per row after a warning. The work happens in the main process; after
 * a restore the whole app reads its data again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { BackupEntry } from '../../../src-main/shared/backups';
import { call, errorData } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { describeError } from '../../i18n/describe-error';
import { formatBytes, formatDateTime } from '../../i18n/format';
import { useStore } from '../../store';
import './backups.css';

type Busy = 'create' | 'restore' | null;

interface Status {
  /** Worded when shown, so a change of language applies to it too. */
  text: (t: TFunction, lng: string) => string;
  error: boolean;
}

function failed(e: unknown): Status {
  const error = errorData(e);
  return { text: (t) => describeError(t, error), error: true };
}

export function BackupsPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const closeBackups = useStore((s) => s.closeBackups);
  const reloadAfterRestore = useStore((s) => s.reloadAfterRestore);
  const [backups, setBackups] = useState<BackupEntry[] | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [toRestore, setToRestore] = useState<BackupEntry | null>(null);
  const [status, setStatus] = useState<Status | null>(null);

  const load = useCallback(async () => {
    try {
      setBackups(await call('backups.list', {}));
    } catch (e) {
      setBackups([]);
      setStatus(failed(e));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  // Choosing, creating or opening a project elsewhere shows it (a restore's reload does not).
  const restoring = useRef(false);
  useEffect(
    () =>
      useStore.subscribe((state, before) => {
        if (state.selectedId !== before.selectedId && !restoring.current) closeBackups();
      }),
    [closeBackups],
  );

  async function backUpNow() {
    setBusy('create');
    setStatus(null);
    try {
      const entry = await call('backups.create', {});
      setStatus({
        text: (tt, l) => tt('backups.created', { when: formatDateTime(entry.createdAt, l) }),
        error: false,
      });
    } catch (e) {
      setStatus(failed(e));
    } finally {
      await load();
      setBusy(null);
    }
  }

  async function restore(entry: BackupEntry) {
    setToRestore(null);
    setBusy('restore');
    setStatus(null);
    restoring.current = true;
    try {
      const result = await call('backups.restore', { name: entry.name });
      await reloadAfterRestore();
      setStatus({
        text: (tt, l) =>
          tt(result.contentVerified ? 'backups.restored' : 'backups.restoredUnverified', {
            when: formatDateTime(result.restored.createdAt, l),
            kept: formatDateTime(result.beforeRestore.createdAt, l),
          }),
        error: false,
      });
    } catch (e) {
      setStatus(failed(e));
    } finally {
      restoring.current = false;
      await load();
      setBusy(null);
    }
  }

  return (
    <main className="backups-page" data-testid="backups-page" aria-busy={busy !== null}>
      <header className="backups-header">
        <div>
          <h1>{t('backups.title')}</h1>
          <p className="muted">{t('backups.policy')}</p>
        </div>
        <div className="backups-actions">
          <button
            className="primary"
            data-testid="backup-now"
            disabled={busy !== null}
            onClick={() => void backUpNow()}
          >
            {busy === 'create' ? t('backups.creating') : t('backups.create')}
          </button>
          <button onClick={closeBackups} disabled={busy === 'restore'}>
            {t('backups.back')}
          </button>
        </div>
      </header>

      {busy === 'restore' && (
        <p className="backups-status" role="status" data-testid="backups-status">
          {t('backups.restoring')}
        </p>
      )}
      {status && busy === null && (
        <p
          className={`backups-status${status.error ? ' error' : ''}`}
          role={status.error ? 'alert' : 'status'}
          data-testid="backups-status"
        >
          {status.text(t, lng)}
        </p>
      )}

      {backups === null ? (
        <p className="muted">{t('app.loading')}</p>
      ) : backups.length === 0 ? (
        <div className="empty-state">
          <p>{t('backups.empty')}</p>
        </div>
      ) : (
        <div className="backups-table-wrap">
          <table className="backups-table" data-testid="backups-table">
            <thead>
              <tr>
                <th>{t('backups.when')}</th>
                <th>{t('backups.kindColumn')}</th>
                <th className="num">{t('backups.size')}</th>
                <th aria-label={t('backups.actions')} />
              </tr>
            </thead>
            <tbody>
              {backups.map((b) => (
                <tr key={b.name} data-testid="backup-row" data-name={b.name} data-kind={b.kind}>
                  <td title={b.name}>{formatDateTime(b.createdAt, lng)}</td>
                  <td>
                    <span className={`backup-kind kind-${b.kind}`}>{t(`backups.kind.${b.kind}`)}</span>
                  </td>
                  <td className="num">{formatBytes(b.bytes, lng)}</td>
                  <td className="backups-row-actions">
                    <button disabled={busy !== null} onClick={() => setToRestore(b)}>
                      {t('backups.restore')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {toRestore && (
        <ConfirmDialog
          title={t('backups.confirmTitle')}
          body={t('backups.confirmBody', { when: formatDateTime(toRestore.createdAt, lng) })}
          confirmLabel={t('backups.restore')}
          onCancel={() => setToRestore(null)}
          onConfirm={() => void restore(toRestore)}
        />
      )}
    </main>
  );
}
