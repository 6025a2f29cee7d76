import { QueryFailedError } from 'typeorm';

type DriverError = { code?: string; errno?: number };
const driverError = (err: unknown): DriverError | null => (err instanceof QueryFailedError ? ((err as QueryFailedError & { driverError?: DriverError }).driverError ?? null) : null);

/** A unique index refused the write (PostgreSQL 23505, MySQL/MariaDB 1062, SQLite SQLITE_CONSTRAINT_UNIQUE). */
export function isUniqueViolation(err: unknown): boolean {
  const e = driverError(err);
  return !!e && (e.code === '23505' || e.errno === 1062 || e.code === 'ER_DUP_ENTRY' || e.code === 'SQLITE_CONSTRAINT_UNIQUE');
}

/**
 * The database gave up on the transaction to break a lock cycle (MySQL/MariaDB 1213 deadlock, 1205
 * lock wait; PostgreSQL 40P01, 40001). Racing inserts into one unique index can do this on InnoDB;
 * running the transaction again is the documented answer.
 */
export function isRetryableConflict(err: unknown): boolean {
  const e = driverError(err);
  return !!e && (e.errno === 1213 || e.errno === 1205 || e.code === '40P01' || e.code === '40001');
}

/** Runs `work` (one whole transaction) again, up to `attempts` times, while it fails with a retryable conflict. */
export async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= attempts || !isRetryableConflict(err)) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}
