import type { DataSource } from 'typeorm';

/** TypeORM's SQLite drivers (by the data source's `type`): one connection, SQLite's SQL dialect. */
export const isSqliteType = (type: string | undefined): boolean => type === 'better-sqlite3' || type === 'sqlite' || type === 'sqljs';

/** The data source runs on SQLite. */
export const isSqlite = (ds: DataSource): boolean => isSqliteType(ds.options.type);
