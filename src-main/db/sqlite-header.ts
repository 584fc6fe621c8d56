/**
 * The 100-byte SQLite header, read directly (without SQLite), so a file can be judged before any
 * connection opens it: a connection, even read-only, may create -wal/-shm files beside it, and an
 * untrusted file should not reach SQLite at all when its header already says no.
 * Layout: https://www.sqlite.org/fileformat.html#the_database_header
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export interface SqliteHeader {
  /** Bytes of the file (0: an empty file). */
  size: number;
  /** "SQLite format 3\0" and a whole header. */
  isSqlite: boolean;
  applicationId: number;
  userVersion: number;
  /** Bumped by every schema change: 0 while the file has never had a table. */
  schemaCookie: number;
  /**
   * The file is a whole number of valid pages, and as many as the header counts when that count
   * is current: a file cut short inside a page would be read with zeros for the missing bytes.
   */
  wholePages: boolean;
}

const MAGIC = 'SQLite format 3\0';

export function readSqliteHeader(file: string): SqliteHeader {
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  let read: number;
  let size: number;
  try {
    size = fstatSync(fd).size;
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  const isSqlite = read === 100 && header.toString('latin1', 0, 16) === MAGIC;
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65_536 : raw;
  const validPageSize = pageSize >= 512 && (pageSize & (pageSize - 1)) === 0;
  // The page count at offset 28 is current when its "valid for" number matches the change counter.
  const countCurrent = header.readUInt32BE(92) === header.readUInt32BE(24);
  const wholePages =
    validPageSize && size % pageSize === 0 && (!countCurrent || header.readUInt32BE(28) * pageSize === size);
  return {
    size,
    isSqlite,
    applicationId: header.readInt32BE(68),
    userVersion: header.readInt32BE(60),
    schemaCookie: header.readUInt32BE(40),
    wholePages: isSqlite && wholePages,
  };
}
