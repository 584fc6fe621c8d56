/** The left sidebar: every project with its status and progress; create, rename, delete, open. */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectSummary } from '../../../src-main/shared/domain';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon, PENCIL, TRASH } from '../../components/Icon';
import { useStore } from '../../store';
import { OpenProjectFileButton } from '../project-file/OpenProjectFile';
import { shownStatus } from '../project/project-dates';

export function ProjectSidebar() {
  const { t } = useTranslation();
  const projects = useStore((s) => s.projects);
  const selectedId = useStore((s) => s.selectedId);
  const createProject = useStore((s) => s.createProject);
  const [creating, setCreating] = useState(false);
  const [toDelete, setToDelete] = useState<ProjectSummary | null>(null);
  const deleteProject = useStore((s) => s.deleteProject);
  // Running campaigns first; archived ones (read-only) apart below them.
  const running = projects.filter((p) => p.status !== 'archived');
  const archived = projects.filter((p) => p.status === 'archived');

  return (
    <nav className="sidebar" aria-label={t('app.projects')}>
      <div className="sidebar-title">{t('app.projects')}</div>
      <ul className="project-list" data-testid="running-projects">
        {running.map((p) => (
          <ProjectItem
            key={p.id}
            project={p}
            selected={p.id === selectedId}
            onDelete={() => setToDelete(p)}
          />
        ))}
      </ul>
      {archived.length > 0 && (
        <>
          <div className="sidebar-title">{t('archive.sidebar')}</div>
          <ul className="project-list archived" data-testid="archived-projects">
            {archived.map((p) => (
              <ProjectItem
                key={p.id}
                project={p}
                selected={p.id === selectedId}
                onDelete={() => setToDelete(p)}
              />
            ))}
          </ul>
        </>
      )}
      {projects.length === 0 && <p className="sidebar-empty">{t('app.noProjects')}</p>}
      {creating ? (
        <NameInput
          initial=""
          placeholder={t('app.newProjectPlaceholder')}
          onDone={(name) => {
            setCreating(false);
            if (name) void createProject(name);
          }}
        />
      ) : (
        <button className="primary block" onClick={() => setCreating(true)}>
          + {t('app.newProject')}
        </button>
      )}
      <OpenProjectFileButton />
      {toDelete && (
        <ConfirmDialog
          title={t('confirm.deleteProjectTitle')}
          body={t('confirm.deleteProjectBody', { name: toDelete.name })}
          confirmLabel={t('app.delete')}
          onCancel={() => setToDelete(null)}
          onConfirm={() => {
            void deleteProject(toDelete.id);
            setToDelete(null);
          }}
        />
      )}
    </nav>
  );
}

function ProjectItem(props: { project: ProjectSummary; selected: boolean; onDelete(): void }) {
  const { t } = useTranslation();
  const { project } = props;
  const select = useStore((s) => s.selectProject);
  const closeBackups = useStore((s) => s.closeBackups);
  const closeLibrary = useStore((s) => s.closeLibrary);
  const rename = useStore((s) => s.renameProject);
  const [renaming, setRenaming] = useState(false);
  const progress = Math.round(project.progress);

  if (renaming) {
    return (
      <li className="project-item selected">
        <NameInput
          initial={project.name}
          placeholder={t('app.renameHint')}
          onDone={(name) => {
            setRenaming(false);
            if (name && name !== project.name) void rename(project.id, name);
          }}
        />
      </li>
    );
  }
  return (
    <li className={`project-item${props.selected ? ' selected' : ''}`} data-testid="project-item">
      <button
        className="project-open"
        onClick={() => {
          closeBackups();
          closeLibrary();
          select(project.id);
        }}
        onDoubleClick={() => setRenaming(true)}
      >
        <span
          className={`status-dot status-${shownStatus(project.status, project.end)}`}
          title={t(`status.${shownStatus(project.status, project.end)}`)}
        />
        <span className="project-name">{project.name}</span>
        <span className="project-progress">{progress}%</span>
        <span className="mini-bar" aria-hidden="true">
          <span style={{ width: `${progress}%` }} />
        </span>
      </button>
      <span className="project-actions">
        <button
          className="icon"
          title={t('app.rename')}
          aria-label={t('app.rename')}
          onClick={() => setRenaming(true)}
        >
          <Icon path={PENCIL} />
        </button>
        <button
          className="icon"
          title={t('app.delete')}
          aria-label={t('app.delete')}
          onClick={props.onDelete}
        >
          <Icon path={TRASH} />
        </button>
      </span>
    </li>
  );
}

/** An inline name field: Enter saves, Esc (or an empty name) cancels. */
function NameInput(props: { initial: string; placeholder: string; onDone(name: string | null): void }) {
  const [value, setValue] = useState(props.initial);
  const finished = useRef(false); // Enter then the blur of unmounting must not act twice
  const finish = (name: string | null) => {
    if (finished.current) return;
    finished.current = true;
    props.onDone(name);
  };
  return (
    <input
      className="name-input"
      autoFocus
      value={value}
      placeholder={props.placeholder}
      aria-label={props.placeholder}
      maxLength={200}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') finish(value.trim() || null);
        if (e.key === 'Escape') finish(null);
      }}
      onBlur={() => finish(value.trim() && value.trim() !== props.initial ? value.trim() : null)}
    />
  );
}
