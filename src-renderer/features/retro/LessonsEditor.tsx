/**
 * 成功经验 / 失败教训 / 改进建议: three lists the owner edits, each lesson with its tags
 * (channel, audience, tactic, module) so the lessons library can find it later. Every change
 * is saved at once (and is one undo step); an archived project shows them read-only.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, errorData } from '../../api/client';
import { useStore } from '../../store';
import type { Module } from '../../../src-main/shared/domain';
import {
  LESSON_KINDS,
  LESSON_TAG_MAX,
  LESSON_TEXT_MAX,
  type Lesson,
  type LessonKind,
  type LessonPatch,
} from '../../../src-main/shared/lessons';

const TAGS = ['channel', 'audience', 'tactic'] as const;

export function LessonsEditor(props: {
  projectId: string;
  modules: Module[];
  lessons: Lesson[];
  readOnly: boolean;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const showNotice = useStore((s) => s.showNotice);
  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
      showNotice(null);
    } catch (e) {
      showNotice({ error: errorData(e), entity: 'project' });
    }
    props.onChanged();
  };
  return (
    <div className="lessons-editor" data-testid="lessons-editor">
      {LESSON_KINDS.map((kind) => (
        <section key={kind} className={`lesson-group lesson-${kind}`} data-kind={kind}>
          <h3>{t(`lessons.kind.${kind}`)}</h3>
          {props.lessons
            .filter((l) => l.kind === kind)
            .map((l) => (
              <LessonRow
                key={l.id}
                lesson={l}
                modules={props.modules}
                readOnly={props.readOnly}
                onSave={(patch) => void run(() => call('lessons.update', { id: l.id, patch }))}
                onDelete={() => void run(() => call('lessons.delete', { id: l.id }))}
              />
            ))}
          {!props.readOnly && (
            <NewLesson
              kind={kind}
              onAdd={(text) =>
                void run(() => call('lessons.create', { projectId: props.projectId, values: { kind, text } }))
              }
            />
          )}
        </section>
      ))}
    </div>
  );
}

function LessonRow(props: {
  lesson: Lesson;
  modules: Module[];
  readOnly: boolean;
  onSave(patch: LessonPatch): void;
  onDelete(): void;
}) {
  const { t } = useTranslation();
  const { lesson, readOnly } = props;
  const field = (key: 'text' | (typeof TAGS)[number]) => ({
    defaultValue: lesson[key],
    readOnly,
    onBlur: (e: React.FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      const value = e.target.value.trim();
      if (value !== lesson[key] && (key !== 'text' || value)) props.onSave({ [key]: value });
    },
  });
  return (
    <div className="lesson" data-testid="lesson" data-lesson-id={lesson.id}>
      <textarea
        className="lesson-text"
        rows={2}
        maxLength={LESSON_TEXT_MAX}
        aria-label={t('lessons.text')}
        {...field('text')}
      />
      <div className="lesson-tags">
        {TAGS.map((tag) => (
          <input
            key={tag}
            maxLength={LESSON_TAG_MAX}
            placeholder={t(`lessons.tag.${tag}`)}
            aria-label={t(`lessons.tag.${tag}`)}
            {...field(tag)}
          />
        ))}
        <select
          aria-label={t('lessons.tag.module')}
          value={lesson.moduleId ?? ''}
          disabled={readOnly}
          onChange={(e) => props.onSave({ moduleId: e.target.value || null })}
        >
          <option value="">{t('lessons.noModule')}</option>
          {props.modules.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
        {!readOnly && (
          <button className="subtle" onClick={props.onDelete} aria-label={t('app.delete')}>
            {t('app.delete')}
          </button>
        )}
      </div>
    </div>
  );
}

function NewLesson({ kind, onAdd }: { kind: LessonKind; onAdd(text: string): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const add = () => {
    const value = text.trim();
    if (!value) return;
    onAdd(value);
    setText('');
  };
  return (
    <div className="lesson-new">
      <input
        value={text}
        maxLength={LESSON_TEXT_MAX}
        placeholder={t(`lessons.placeholder.${kind}`)}
        aria-label={t(`lessons.placeholder.${kind}`)}
        data-testid={`lesson-new-${kind}`}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') add();
        }}
      />
      <button onClick={add} disabled={!text.trim()}>
        {t('lessons.add')}
      </button>
    </div>
  );
}
