/**
 * One project's rows and versions read from a database (the app's, or an opened project file),
 * in the shape a file holds them: what export writes, and "mine" in a merge.
 */
import type { Db } from '../services/common';
import type {
  FieldVersionRow,
  FileInfo,
  ProjectBundle,
  Row,
  TombstoneRow,
  VersionVectorRow,
} from '../project-file/format';
import { PROJECT_TABLES } from './project-tables';

export function readProjectBundle(db: Db, projectId: string, info: FileInfo): ProjectBundle {
  const tables: Record<string, Row[]> = {};
  for (const table of PROJECT_TABLES) {
    tables[table.name] = db
      .prepare(`SELECT * FROM ${table.name} WHERE ${table.where}`)
      .all(projectId) as Row[];
  }
  const versions = <T>(name: string) =>
    db.prepare(`SELECT * FROM ${name} WHERE project_id = ?`).all(projectId) as T[];
  return {
    info,
    tables,
    fieldVersions: versions<FieldVersionRow>('field_versions'),
    tombstones: versions<TombstoneRow>('tombstones'),
    versionVector: versions<VersionVectorRow>('version_vectors'),
  };
}
