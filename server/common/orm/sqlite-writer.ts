import { Logger } from '@nestjs/common';
import type { Worker } from 'node:worker_threads';
import { DataSource, EntityManager, QueryFailedError, QueryResult, QueryRunner } from 'typeorm';
import { OPEN_CONNECTION_PROGRAM, sqliteWorkerTarget, startSqliteWorker, stopSqliteWorker } from './sqlite-worker-connection';
import type { SeparateConnection } from './transaction';

/**
 * The worker's program after it opened its connection: runs each statement it is sent and answers with its rows
 * (a statement that returns data) or its changes, as TypeORM's better-sqlite3 runner does. Prepared statements are
 * kept, as the driver keeps them.
 */
const WORKER_PROGRAM = `${OPEN_CONNECTION_PROGRAM}
if (db) db.pragma('wal_autocheckpoint = ' + workerData.walAutocheckpoint);
const statements = new Map();
parentPort.on('message', (message) => {
  if (message === 'close') return;
  const { id, sql, params } = message;
  try {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      statements.set(sql, stmt);
      if (statements.size > 100) statements.delete(statements.keys().next().value);
    }
    if (stmt.reader) parentPort.postMessage({ id, rows: stmt.all(...params) });
    else {
      const { changes, lastInsertRowid } = stmt.run(...params);
      parentPort.postMessage({ id, changes, lastInsertRowid: Number(lastInsertRowid) });
    }
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String((error && error.message) || error), code: error && error.code } });
  }
});
`;

interface Reply {
  id: number;
  rows?: unknown[];
  changes?: number;
  lastInsertRowid?: number;
  error?: { message: string; code?: string };
}

const logger = new Logger('Pax8SqliteWriter');

/**
 * A full sync's SQLite writes on a connection of their own, on a worker thread. better-sqlite3 runs each statement
 * on the thread that sends it, so on the host's one connection the sync's inserts (half of a cold sync's event-loop
 * time, more as the indexes grow) stopped everything else, the sync's own fetching and parsing included. Here the
 * event loop only builds the statements: it parses the next pages while the worker writes. Each transaction owns
 * the shared connection as any other (see SeparateConnection), so nothing else writes meanwhile and nothing reads
 * its rows before they commit. Opens only where the checkpoint worker can (a file in WAL mode, better-sqlite3);
 * everywhere else, and once the worker fails, the sync writes on the shared connection as before.
 */
export class SqliteWriter implements SeparateConnection {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  private failure: Error | null = null;
  private closed = false;
  private readonly runner: QueryRunner;

  private constructor(
    private readonly dataSource: DataSource,
    private readonly worker: Worker,
  ) {
    worker.on('message', (reply: Reply) => {
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      waiter?.resolve(reply);
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', () => this.fail(new Error('the SQLite writer thread stopped')));
    this.runner = this.workerRunner();
  }

  /**
   * The writer for a full sync, or null where the sync writes on the shared connection. Its connection checkpoints
   * as the shared one does at that moment: not at all while the checkpoint worker runs (open it after that hold).
   */
  static async open(dataSource: DataSource): Promise<SqliteWriter | null> {
    const target = await sqliteWorkerTarget(dataSource);
    if (!target) return null;
    const [{ wal_autocheckpoint: walAutocheckpoint }] = await dataSource.query('PRAGMA wal_autocheckpoint');
    const started = await startSqliteWorker(WORKER_PROGRAM, { ...target, walAutocheckpoint: Number(walAutocheckpoint) });
    if ('error' in started) {
      logger.warn(`The sync writes on the shared connection: its writer could not open the database (${started.error}).`);
      return null;
    }
    return new SqliteWriter(dataSource, started.worker);
  }

  get usable(): boolean {
    return !this.failure && !this.closed;
  }

  /** One transaction on the worker's connection, as `EntityManager.transaction` runs one: rolled back if `work` throws. */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    await this.runner.startTransaction();
    try {
      const result = await work(this.runner.manager);
      await this.runner.commitTransaction();
      return result;
    } catch (error) {
      // A statement that failed inside SQLite leaves the transaction open; a worker that stopped took it along. A
      // rollback that fails leaves the runner's state unknown: the sync's next writes go to the shared connection.
      await this.runner.rollbackTransaction().catch((rollbackError: Error) => this.fail(rollbackError));
      throw error;
    }
  }

  /** Stops the worker once its transactions have ended (the sync writes nothing after its pull). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.failure) await stopSqliteWorker(this.worker);
  }

  private fail(error: Error): void {
    if (this.closed || this.failure) return;
    this.failure = error;
    logger.warn(`The sync writes on the shared connection again: ${error.message}.`);
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
    void this.worker.terminate(); // its connection closes, and an open transaction with it
  }

  private send(sql: string, params: unknown[]): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, sql, params });
    });
  }

  /**
   * TypeORM's own better-sqlite3 runner class (so the manager, the query builders and the transaction steps are
   * the driver's), with `query` sent to the worker and answered in the shape that runner gives.
   */
  private workerRunner(): QueryRunner {
    const RunnerClass = this.dataSource.createQueryRunner().constructor as new (driver: unknown) => QueryRunner;
    const runner = new RunnerClass(this.dataSource.driver);
    const logging = this.dataSource.logger;
    runner.query = async (query: string, parameters: unknown[] = [], useStructuredResult = false) => {
      // better-sqlite3 cannot bind booleans: 0/1, as the driver's runner converts them.
      const params = parameters.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
      logging.logQuery(query, params, runner);
      const reply = await this.send(query, params).catch((error: Error) => ({ id: -1, error: { message: error.message } }) as Reply);
      if (reply.error) {
        const driverError = Object.assign(new Error(reply.error.message), { code: reply.error.code });
        logging.logQueryError(driverError, query, params, runner);
        throw new QueryFailedError(query, params, driverError);
      }
      const result = new QueryResult();
      if (reply.rows) {
        result.raw = reply.rows;
        result.records = reply.rows;
      } else {
        result.affected = reply.changes;
        result.raw = reply.lastInsertRowid;
      }
      return useStructuredResult ? result : result.raw;
    };
    Object.assign(runner, { manager: this.dataSource.createEntityManager(runner) });
    return runner;
  }
}
