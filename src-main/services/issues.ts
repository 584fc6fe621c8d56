import { AppError } from '../shared/errors';
import type { Db } from './common';

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function listIssues(_db: Db, _input: unknown): never {
  throw new AppError({ code: 'internal', reason: 'not_implemented' });
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function createIssue(_db: Db, _input: unknown): never {
  throw new AppError({ code: 'internal', reason: 'not_implemented' });
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function updateIssue(_db: Db, _input: unknown): never {
  throw new AppError({ code: 'internal', reason: 'not_implemented' });
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function deleteIssue(_db: Db, _input: unknown): never {
  throw new AppError({ code: 'internal', reason: 'not_implemented' });
}
