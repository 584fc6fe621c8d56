import { v7 as uuidv7 } from 'uuid';

/**
 * Every record gets a UUIDv7: globally unique, so two laptops' copies of a project can later be
 * merged without clashes, and time-ordered, so the primary-key index stays compact.
 */
export function newId(): string {
  return uuidv7();
}

/** Timestamps of writes: UTC ISO strings (instants, unlike calendar dates). */
export function nowStamp(): string {
  return new Date().toISOString();
}
