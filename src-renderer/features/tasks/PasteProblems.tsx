import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describe-error';
import type { PasteProblem } from './paste';

/** Why a paste was refused: every bad cell with its row, column and reason. Nothing was written. */
export function PasteProblems(props: { problems: PasteProblem[]; codes: string[]; onDismiss(): void }) {
  const { t } = useTranslation();
  const shown = props.problems.slice(0, 50);
  return (
    <div className="problems" role="alert" data-testid="paste-problems">
      <div className="problems-head">
        <strong>{t('paste.refused', { count: props.problems.length })}</strong>
        <button className="link" onClick={props.onDismiss}>
          {t('app.dismiss')}
        </button>
      </div>
      <ul>
        {shown.map((p, i) => {
          const code = props.codes[p.ref - 1];
          const row = code ? t('paste.rowOnTask', { row: p.ref, code }) : t('paste.newRow', { row: p.ref });
          const column = p.field ? t(`fields.task.${p.field}`, { defaultValue: p.field }) : '';
          const reason = describeError(t, { code: 'invalid_input', reason: p.reason, params: p.params });
          return (
            <li key={i}>
              {row}
              {column && ` · ${column}`}
              {t('app.colon')}
              {reason}
            </li>
          );
        })}
      </ul>
      {props.problems.length > shown.length && (
        <p>{t('paste.more', { count: props.problems.length - shown.length })}</p>
      )}
    </div>
  );
}
