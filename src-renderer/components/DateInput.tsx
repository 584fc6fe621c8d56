/**
 * The one date field outside the grids. The native <input type="date"> follows the browser's
 * locale (mm/dd/yyyy in an English browser while the app is in Chinese), so this is a text field
 * in the UI language's style with a calendar popover (react-day-picker) in the same language.
 * Typing is read with the app's shared date parser; the value handed back is always YYYY-MM-DD
 * ('' when cleared). Enter commits, Esc restores the stored value and closes the calendar.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DayPicker } from 'react-day-picker';
import { enUS, zhCN } from 'react-day-picker/locale';
import 'react-day-picker/style.css';
import { CALENDAR, Icon } from './Icon';
import { dateInputText, parseDateInput } from './date-text';

export interface DateInputProps {
  /** YYYY-MM-DD, or '' for no date. */
  value: string;
  /** Called with YYYY-MM-DD (or '' when cleared) when the user commits a different date. */
  onCommit(iso: string): void;
  id?: string;
  'aria-label'?: string;
  'aria-invalid'?: boolean;
  disabled?: boolean;
  testId?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
/** A calendar day as a local Date at noon (the calendar works in local days). */
const dayOf = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12);
};

export function DateInput(props: DateInputProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const shown = dateInputText(props.value, language);
  const [text, setText] = useState(shown);
  const [open, setOpen] = useState(false);
  const [bad, setBad] = useState(false);
  const wrap = useRef<HTMLSpanElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const popId = useId();
  useEffect(() => setText(shown), [shown]);

  // Close the calendar on a click outside the field.
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  const commit = (iso: string) => {
    setBad(false);
    setText(dateInputText(iso, language));
    if (iso !== props.value) props.onCommit(iso);
  };
  const commitText = () => {
    if (text === shown) return setBad(false);
    const year = Number((props.value || new Date().toISOString()).slice(0, 4));
    const iso = parseDateInput(text, year);
    if (iso === null) {
      // Not a date: the stored value stays, and the message says what is expected.
      setBad(true);
      setText(shown);
      return;
    }
    commit(iso);
  };

  return (
    <span className="date-input" ref={wrap}>
      <span className="date-input-row">
        <input
          ref={input}
          id={props.id}
          type="text"
          value={text}
          disabled={props.disabled}
          aria-label={props['aria-label']}
          aria-invalid={props['aria-invalid'] || bad ? true : undefined}
          aria-haspopup="dialog"
          aria-expanded={open}
          aria-controls={open ? popId : undefined}
          placeholder={t('dateInput.placeholder')}
          data-testid={props.testId}
          onChange={(e) => setText(e.target.value)}
          onBlur={(e) => {
            // Moving into the calendar is not leaving the field.
            if (wrap.current?.contains(e.relatedTarget as Node)) return;
            setOpen(false);
            commitText();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              setOpen(false);
              commitText();
            } else if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              setText(shown);
              setBad(false);
              setOpen(false);
            } else if (e.key === 'ArrowDown' && e.altKey) {
              e.preventDefault();
              setOpen(true);
            }
          }}
        />
        <button
          type="button"
          className="date-input-toggle"
          disabled={props.disabled}
          aria-label={t('dateInput.openCalendar')}
          title={t('dateInput.openCalendar')}
          onClick={() => setOpen((o) => !o)}
          data-testid={props.testId ? `${props.testId}-calendar` : undefined}
        >
          <Icon path={CALENDAR} />
        </button>
      </span>
      {bad && (
        <span className="field-error" role="alert">
          {t('dateInput.invalid')}
        </span>
      )}
      {open && (
        <div
          className="date-input-popover"
          id={popId}
          role="dialog"
          aria-label={t('dateInput.calendar')}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
              input.current?.focus();
            }
          }}
        >
          <DayPicker
            mode="single"
            locale={language.startsWith('zh') ? zhCN : enUS}
            selected={props.value ? dayOf(props.value) : undefined}
            defaultMonth={props.value ? dayOf(props.value) : undefined}
            captionLayout="dropdown"
            startMonth={new Date(2000, 0)}
            endMonth={new Date(2100, 11)}
            autoFocus
            onSelect={(d) => {
              setOpen(false);
              if (d) commit(isoOf(d));
              input.current?.focus();
            }}
          />
        </div>
      )}
    </span>
  );
}
