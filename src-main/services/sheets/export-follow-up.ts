import { AppError } from '../../shared/errors';
import type { Db } from '../common';

export type FollowUpTable = 'issues' | 'feedback' | 'causes' | 'adjustments';

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function exportFollowUpSheet(_db: Db, _input: unknown): Promise<never> {
  throw new AppError({ code: 'internal', reason: 'not_implemented' });
}
