import { AppError } from '../shared/errors';
import type { Db } from './common';

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function getFeedbackSettings(_db: Db, _input: unknown): never {
  throw new AppError({ code: 'internal', reason: 'not_implemented' });
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function updateFeedbackSettings(_db: Db, _input: unknown): never {
  throw new AppError({ code: 'internal', reason: 'not_implemented' });
}
