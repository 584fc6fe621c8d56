import { AppError } from '../shared/errors';
import type { Db } from './common';

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function listCauses(_db: Db, _input: unknown): never {
  throw new AppError({ code: 'internal', reason: 'not_implemented' });
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function createCause(_db: Db, _input: unknown): never {
  throw new AppError({ code: 'internal', reason: 'not_implemented' });
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function updateCause(_db: Db, _input: unknown): never {
  throw new AppError({ code: 'internal', reason: 'not_implemented' });
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function deleteCause(_db: Db, _input: unknown): never {
  throw new AppError({ code: 'internal', reason: 'not_implemented' });
}
