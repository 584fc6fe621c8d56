/**
 * What a project file holds, before anything is written: project, owner, period, counts, who
 * exported it and when. For a colleague's copy of a project already here, what merging it would
 * do, and every conflict side by side (mine / theirs / what both started from) to decide.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../src-main/shared/errors';
import type {
  FilePreview,
  MergeConflictView,
  MergeSummary,
} from '../../../src-main/shared/project-file-contract';
import { formatDate, formatMoney, formatPeriod } from '../../i18n/format';
import { describeError } from '../../i18n/describe-error';
import { useStore } from '../../store';
import { useProjectFile, type Resolution } from './project-file-store';
import './project-file.css';

/** Counts shown in the preview, in the template's order. */
const COUNTED = [
  'people',
  'modules',
  'tasks',
  'task_links',
  'metrics',
  'metric_actuals',
  'tracking_periods',
  'spend_entries',
  'task_checkins',
] as const;

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

export function describeFileError(t: TFunction, error: AppErrorData): string {
  if (error.reason) {
    const text = t(`projectFileErrors.${error.reason}`, {
      ...error.params,
      limitMb: typeof error.params?.limit === 'number' ? Math.round(error.params.limit / 1024 / 1024) : '',
      defaultValue: '',
    });
    if (text) return text;
  }
  return describeError(t, error);
}

function ErrorView({ error, onClose }: { error: AppErrorData; onClose(): void }) {
  const { t } = useTranslation();
  const okRef = useRef<HTMLButtonElement>(null);
  useEffect(() => okRef.current?.focus(), []);
  const problems = error.problems?.slice(0, 8) ?? [];
  return (
    <>
      <h2 id="file-dialog-title">{t('projectFile.refusedTitle')}</h2>
      <p role="alert" data-testid="file-error">
        {describeFileError(t, error)}
      </p>
      {problems.length > 0 && (
        <ul className="file-problems">
          {problems.map((p, i) => (
            <li key={i}>
              {(p.path ?? []).join(' · ')} —{' '}
              {describeFileError(t, { code: 'file_refused', reason: p.reason, params: p.params })}
            </li>
          ))}
        </ul>
      )}
      {error.code === 'file_refused' && <p className="muted">{t('projectFile.nothingChanged')}</p>}
      <div className="dialog-actions">
        <button ref={okRef} className="primary" onClick={onClose}>
          {t('projectFile.ok')}
        </button>
      </div>
    </>
  );
}

function Facts({ preview }: { preview: FilePreview }) {
  const { t, i18n } = useTranslation();
  const s = preview.summary;
  const exportedAt = new Date(s.exportedAt);
  const when = Number.isNaN(exportedAt.getTime())
    ? s.exportedAt
    : new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(exportedAt);
  return (
    <>
      <dl className="file-facts">
        <dt>{t('projectFile.project')}</dt>
        <dd data-testid="file-project-name">{s.projectName}</dd>
        <dt>{t('projectFile.owner')}</dt>
        <dd>{s.ownerName ?? t('projectFile.none')}</dd>
        <dt>{t('projectFile.period')}</dt>
        <dd>{formatPeriod(s.startDate, s.endDate, i18n.language) || t('projectFile.none')}</dd>
        <dt>{t('projectFile.exportedBy')}</dt>
        <dd>
          {s.exporterName || t('projectFile.unknownPerson')} · {when}
        </dd>
        <dt>{t('projectFile.format')}</dt>
        <dd>{t('projectFile.formatVersion', { version: s.format })}</dd>
      </dl>
      <ul className="file-counts" data-testid="file-counts">
        {COUNTED.map((table) => (
          <li key={table}>
            <strong>{s.counts[table] ?? 0}</strong> {t(`projectFile.table.${table}`)}
          </li>
        ))}
      </ul>
    </>
  );
}

function PreviewView({ preview }: { preview: FilePreview }) {
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
      <Facts preview={preview} />
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

/** What a merge does (preview) or did (`decided`: its conflicts were settled as chosen). */
function MergeSummaryText({ summary, decided = false }: { summary: MergeSummary; decided?: boolean }) {
  const { t } = useTranslation();
  const parts = [
    t('projectFile.summaryAdded', { count: summary.added }),
    t('projectFile.summaryUpdated', { count: summary.updated }),
    t('projectFile.summaryDeleted', { count: summary.deleted }),
  ];
  return (
    <>
      {parts.join(t('projectFile.listSeparator'))}
      {summary.conflicts > 0 && (
        <>
          {' · '}
          {t(decided ? 'projectFile.summaryDecided' : 'projectFile.summaryConflicts', {
            count: summary.conflicts,
          })}
        </>
      )}
      {summary.renumbered.length > 0 && (
        <>
          {' · '}
          {t('projectFile.summaryRenumbered', {
            list: summary.renumbered.map((r) => `${r.from} → ${r.to}`).join(t('projectFile.listSeparator')),
          })}
        </>
      )}
    </>
  );
}

function ConflictTable(props: {
  conflicts: MergeConflictView[];
  choices: Record<string, Resolution>;
  hidden: number;
  onChoose(id: string, r: Resolution): void;
  onChooseAll(r: Resolution): void;
}) {
  const { t } = useTranslation();
  const show = useCellText();
  return (
    <div className="conflicts" data-testid="conflicts">
      <div className="conflicts-bar">
        <strong>{t('projectFile.conflictsTitle')}</strong>
        <span className="toolbar-spacer" />
        <button onClick={() => props.onChooseAll('mine')} data-testid="all-mine">
          {t('projectFile.allMine')}
        </button>
        <button onClick={() => props.onChooseAll('theirs')} data-testid="all-theirs">
          {t('projectFile.allTheirs')}
        </button>
      </div>
      <div className="conflicts-scroll">
        <table className="simple-table conflict-table">
          <thead>
            <tr>
              <th>{t('projectFile.where')}</th>
              <th>{t('projectFile.mine')}</th>
              <th>{t('projectFile.theirs')}</th>
              <th>{t('projectFile.base')}</th>
            </tr>
          </thead>
          <tbody>
            {props.conflicts.map((c) => {
              const choice = props.choices[c.id];
              return (
                <tr key={c.id} data-testid="conflict-row">
                  <td>
                    <div>{c.label}</div>
                    {c.dependents && Object.keys(c.dependents).length > 0 && (
                      <div className="muted">
                        {t('projectFile.withDependents', {
                          list: Object.entries(c.dependents)
                            .map(
                              ([table, n]) =>
                                `${n} ${t(`projectFile.table.${table}`, { defaultValue: table })}`,
                            )
                            .join(t('projectFile.listSeparator')),
                        })}
                      </div>
                    )}
                    <div className="muted">
                      {t(`projectFile.table.${c.table}`, { defaultValue: c.table })}
                      {c.column
                        ? ` · ${t(`projectFile.column.${c.column}`, { defaultValue: c.column })}`
                        : ''}
                    </div>
                  </td>
                  {SIDES.map((side) => (
                    <td key={side}>
                      <Pick conflict={c} side={side} chosen={choice} onChoose={props.onChoose}>
                        {c.kind === 'field'
                          ? show(c.column, side === 'mine' ? c.mine : c.theirs)
                          : t(ROW_CHOICE[c.kind][side])}
                      </Pick>
                    </td>
                  ))}
                  <td className="muted">{c.kind === 'field' ? show(c.column, c.base) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {props.hidden > 0 && <p className="muted">{t('projectFile.moreConflicts', { count: props.hidden })}</p>}
    </div>
  );
}

const SIDES: readonly Resolution[] = ['mine', 'theirs'];

/** What choosing a side of an edit-against-delete conflict does. */
const ROW_CHOICE: Record<'deleted_by_me' | 'deleted_by_them', Record<Resolution, string>> = {
  deleted_by_me: { mine: 'projectFile.keepDeleted', theirs: 'projectFile.restoreTheirs' },
  deleted_by_them: { mine: 'projectFile.keepMine', theirs: 'projectFile.theyDeleted' },
};

/** One side of a conflict to choose (a radio button with what that side holds). */
function Pick(props: {
  conflict: MergeConflictView;
  side: Resolution;
  chosen: Resolution | undefined;
  onChoose(id: string, r: Resolution): void;
  children: ReactNode;
}) {
  const picked = props.chosen === props.side;
  return (
    <label className={`pick${picked ? ' picked' : ''}`}>
      <input
        type="radio"
        name={`c-${props.conflict.id}`}
        checked={picked}
        onChange={() => props.onChoose(props.conflict.id, props.side)}
      />
      {props.children}
    </label>
  );
}

/** A stored value as a person reads it: money in yuan, flags as 是/否, ids as the names known here. */
function useCellText() {
  const { t, i18n } = useTranslation();
  const plan = useStore((s) => s.plan);
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const p of plan?.people ?? []) m.set(p.id, p.name);
    for (const x of plan?.modules ?? []) m.set(x.id, x.name);
    for (const x of plan?.tasks ?? []) m.set(x.id, `${x.code} ${x.name}`);
    return m;
  }, [plan]);
  return (column: string | null, value: string | number | null): string => {
    if (value === null || value === '') return t('projectFile.empty');
    if (column?.endsWith('_fen') && typeof value === 'number') return formatMoney(value, i18n.language);
    if (column?.endsWith('_c') && typeof value === 'number') return String(value / 100);
    if (column && ['milestone', 'blocked', 'goal_linked'].includes(column))
      return value ? t('projectFile.yes') : t('projectFile.no');
    if (column?.endsWith('_date') && typeof value === 'string') return formatDate(value, i18n.language);
    if (column?.endsWith('_id') && typeof value === 'string')
      return names.get(value) ?? t('projectFile.otherRecord');
    return String(value);
  };
}

function DoneView({
  done,
  onClose,
}: {
  done: { projectName: string; mode: string; merge: MergeSummary | null };
  onClose(): void;
}) {
  const { t } = useTranslation();
  const okRef = useRef<HTMLButtonElement>(null);
  useEffect(() => okRef.current?.focus(), []);
  return (
    <>
      <h2 id="file-dialog-title">
        {done.mode === 'merge' ? t('projectFile.mergedTitle') : t('projectFile.importedTitle')}
      </h2>
      <p data-testid="file-done">
        {done.merge ? (
          <>
            {t('projectFile.mergedBody', { name: done.projectName })}{' '}
            <MergeSummaryText summary={done.merge} decided />
            <br />
            <span className="muted">{t('projectFile.undoHint')}</span>
          </>
        ) : (
          t('projectFile.importedBody', { name: done.projectName })
        )}
      </p>
      <div className="dialog-actions">
        <button ref={okRef} className="primary" onClick={onClose}>
          {t('projectFile.ok')}
        </button>
      </div>
    </>
  );
}
