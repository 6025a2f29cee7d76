/**
 * BENCH_SQL_TIMING=1: time spent inside each kind of SQL statement (wall time from the call until the
 * driver answers, so it includes waiting for the database), grouped by statement shape. Used to find
 * where a sync's database time goes; off by default because the wrapping costs a little.
 */
import { DataSource } from 'typeorm';
import { performance } from 'node:perf_hooks';

interface Bucket {
  count: number;
  ms: number;
}

const buckets = new Map<string, Bucket>();
/** SQLite's driver hands out the same runner again: wrap each once. */
const wrapped = new WeakSet<object>();

/** INSERT INTO "x" (...) VALUES (...), ... → `INSERT INTO "x"`; SELECT ... FROM "x" WHERE → `SELECT FROM "x"`. */
function shape(sql: string): string {
  const s = sql.replace(/\s+/g, ' ').trim();
  const verb = s.split(' ')[0].toUpperCase();
  const table = s.match(/(?:INTO|FROM|UPDATE)\s+([`"]?[\w.]+[`"]?)/i)?.[1] ?? '';
  return `${verb} ${table}`.trim();
}

export function installSqlTiming(): void {
  const original = DataSource.prototype.createQueryRunner;
  DataSource.prototype.createQueryRunner = function (this: DataSource, ...args: Parameters<DataSource['createQueryRunner']>) {
    const runner = original.apply(this, args);
    if (wrapped.has(runner)) return runner;
    wrapped.add(runner);
    const query = runner.query.bind(runner);
    runner.query = (async (sql: string, ...rest: unknown[]) => {
      const t = performance.now();
      try {
        return await (query as (...a: unknown[]) => Promise<unknown>)(sql, ...rest);
      } finally {
        const key = shape(sql);
        const b = buckets.get(key) ?? { count: 0, ms: 0 };
        b.count++;
        b.ms += performance.now() - t;
        buckets.set(key, b);
      }
    }) as typeof runner.query;
    return runner;
  };
}

/** The statement shapes by total time, and resets the counters. */
export function takeSqlTiming(top = 15): string {
  const rows = [...buckets].sort((a, b) => b[1].ms - a[1].ms).slice(0, top);
  buckets.clear();
  return rows.map(([k, b]) => `  ${b.ms.toFixed(0).padStart(7)} ms ${String(b.count).padStart(6)}×  ${k}`).join('\n');
}
