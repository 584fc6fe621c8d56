import { AppError } from '../shared/errors';
import type { Db } from './common';

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function listAdjustments(_db: Db, _input: unknown): never {
  throw new AppError({ code: 'internal', reason: 'not_implemented' });
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function getAdjustment(_db: Db, _input: unknown): never {
  throw new AppError({ code: 'internal', reason: 'not_implemented' });
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function createAdjustment(_db: Db, _input: unknown): never {
  throw new AppError({ code: 'internal', reason: 'not_implemented' });
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function updateAdjustment(_db: Db, _input: unknown): never {
  throw new AppError({ code: 'internal', reason: 'not_implemented' });
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function deleteAdjustment(_db: Db, _input: unknown): never {
  throw new AppError({ code: 'internal', reason: 'not_implemented' });
}
