import { AppError } from '../shared/errors';
import type { Db } from './common';

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function setInstallationName(_db: Db, _input: unknown): never {
  throw new AppError({ code: 'internal', reason: 'not_implemented' });
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function identityMe(_db: Db, _input: unknown): never {
  throw new AppError({ code: 'internal', reason: 'not_implemented' });
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function matchIdentity(_db: Db, _input: unknown): never {
  throw new AppError({ code: 'internal', reason: 'not_implemented' });
}
