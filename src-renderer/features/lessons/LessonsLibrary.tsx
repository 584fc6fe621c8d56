/**
 * 经验库: the lessons of every campaign, archived ones included, searched by words and by tag
 * (a channel, an audience, a tactic or a module's name). A lesson can be carried into another
 * campaign's strategy: it is added to that campaign's 核心动作 notes, naming where it came from.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, errorData } from '../../api/client';
import { useStore } from '../../store';
import type { LessonHit, LessonKind } from '../../../src-main/shared/lessons';
import { LESSON_KINDS } from '../../../src-main/shared/lessons';
import './lessons.css';

export function LessonsLibrary() {
  const { t } = useTranslation();
  const projects = useStore((s) => s.projects);
  const showNotice = useStore((s) => s.showNotice);
  const [text, setText] = useState('');
  const [tag, setTag] = useState('');
  const [kind, setKind] = useState<LessonKind | ''>('');
  const [hits, setHits] = useState<LessonHit[] | null>(null);
  const [target, setTarget] = useState('');
  const [copied, setCopied] = useState<string | null>(null);

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(() => {
      call('lessons.search', { text, tag, kind: kind || null }).then(
        (found) => !stale && setHits(found),
        (e: unknown) => showNotice({ error: errorData(e) }),
      );
    }, 150);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [text, tag, kind, showNotice]);

  const writable = projects.filter((p) => p.status !== 'archived');
  const copyTo = async (hit: LessonHit) => {
    const projectId = target || writable[0]?.id;
    if (!projectId) return;
    try {
      const project = await call('projects.get', { id: projectId });
      const line = t('library.carried', { project: hit.projectName, text: hit.text });
      await call('projects.update', {
        id: projectId,
        patch: { actions: project.actions ? `${project.actions}\n${line}` : line },
      });
      setCopied(hit.id);
      showNotice(null);
    } catch (e) {
      showNotice({ error: errorData(e), entity: 'project' });
    }
  };

  const tagsOf = (h: LessonHit) => [h.channel, h.audience, h.tactic, h.moduleName ?? ''].filter(Boolean);
  return (
    <main className="lessons-library" data-testid="lessons-library">
      <header className="project-header">
        <h1>{t('library.title')}</h1>
        <span className="muted">{t('library.hint')}</span>
      </header>
      <div className="toolbar">
        <input
          className="search"
          value={text}
          placeholder={t('library.search')}
          aria-label={t('library.search')}
          data-testid="library-text"
          onChange={(e) => setText(e.target.value)}
        />
        <input
          value={tag}
          placeholder={t('library.tag')}
          aria-label={t('library.tag')}
          data-testid="library-tag"
          onChange={(e) => setTag(e.target.value)}
        />
        <select
          value={kind}
          aria-label={t('library.kind')}
          onChange={(e) => setKind(e.target.value as LessonKind | '')}
        >
          <option value="">{t('library.allKinds')}</option>
          {LESSON_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`lessons.kind.${k}`)}
            </option>
          ))}
        </select>
        <span className="toolbar-spacer" />
        <label>
          {t('library.copyTarget')}
          <select
            value={target}
            aria-label={t('library.copyTarget')}
            onChange={(e) => setTarget(e.target.value)}
          >
            {writable.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {hits === null ? (
        <p className="muted">{t('app.loading')}</p>
      ) : hits.length === 0 ? (
        <div className="empty-state">
          <p>{t('library.empty')}</p>
        </div>
      ) : (
        <ul className="library-hits">
          {hits.map((h) => (
            <li key={h.id} className="library-hit" data-testid="library-hit">
              <div className="library-hit-head">
                <span className={`lesson-kind kind-${h.kind}`}>{t(`lessons.kind.${h.kind}`)}</span>
                <span className="library-project">
                  {h.projectName}
                  {h.projectStatus === 'archived' && <span className="muted"> · {t('status.archived')}</span>}
                </span>
              </div>
              <p>{h.text}</p>
              <div className="library-tags">
                {tagsOf(h).map((x) => (
                  <button key={x} className="tag" onClick={() => setTag(x)}>
                    {x}
                  </button>
                ))}
                <span className="toolbar-spacer" />
                <button disabled={writable.length === 0} onClick={() => void copyTo(h)}>
                  {copied === h.id ? t('library.copied') : t('library.copy')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
