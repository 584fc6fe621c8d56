/**
 * The open database as every layer takes it (services, sync, project files): one name, kept
 * here at the bottom so that no layer imports a higher one just for the type.
 */
import type { Database } from 'better-sqlite3';

export type Db = Database;
