import { Worker } from 'node:worker_threads';
import type { DataSource } from 'typeorm';

/** What a worker thread needs to open its own connection to the data source's SQLite file, set as the host's is. */
export interface SqliteWorkerTarget {
  file: string;
  driverPath: string;
  nativeBinding?: string;
  /** The host connection's `synchronous` (a commit or checkpoint syncs the files as the host's would). */
  synchronous: number;
  /** The host connection's `foreign_keys` (TypeORM turns them on). */
  foreignKeys: number;
  /** Busy timeout in ms (the driver's `timeout` option, better-sqlite3's 5,000 by default). */
  timeout: number;
}

/**
 * The file and driver for a worker's connection, or null where a second connection cannot see what the host's
 * sees or would not help: another driver, an encrypted file, a database in memory or a temporary one, no WAL
 * (without it, one connection's writer would lock the other's readers out).
 */
export async function sqliteWorkerTarget(dataSource: DataSource): Promise<SqliteWorkerTarget | null> {
  const options = dataSource.options as { type: string; key?: string; nativeBinding?: string; timeout?: number };
  if (options.type !== 'better-sqlite3' || options.key) return null;
  const [mode] = await dataSource.query('PRAGMA journal_mode');
  if (String(mode?.journal_mode).toLowerCase() !== 'wal') return null;
  const main = ((await dataSource.query('PRAGMA database_list')) as Array<{ name: string; file: string }>).find((d) => d.name === 'main');
  if (!main?.file) return null;
  let driverPath: string;
  try {
    driverPath = require.resolve('better-sqlite3');
  } catch {
    return null;
  }
  const [{ synchronous }] = await dataSource.query('PRAGMA synchronous');
  const [{ foreign_keys: foreignKeys }] = await dataSource.query('PRAGMA foreign_keys');
  return {
    file: main.file,
    driverPath,
    synchronous: Number(synchronous),
    foreignKeys: Number(foreignKeys),
    timeout: options.timeout ?? 5000,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  };
}

/**
 * The first lines of a worker program: opens `db` on the target's file with the host connection's settings, says
 * whether it could, and closes it on 'close' (a program's own message handler returns on that message). Plain JavaScript for `eval`, so a worker needs no file of its own in the package and no
 * TypeScript loader under ts-node or Jest.
 */
export const OPEN_CONNECTION_PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
let db;
try {
  const Database = require(workerData.driverPath);
  db = new Database(workerData.file, { fileMustExist: true, timeout: workerData.timeout, nativeBinding: workerData.nativeBinding });
  db.pragma('synchronous = ' + workerData.synchronous);
  db.pragma('foreign_keys = ' + workerData.foreignKeys);
  parentPort.postMessage({ ready: true });
} catch (error) {
  parentPort.postMessage({ ready: false, error: String((error && error.message) || error) });
}
// 'close' (stopSqliteWorker): the connection closes before the thread ends. The program's own handler ignores it.
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  db?.close();
  parentPort.close();
});
`;

/** Starts `program` (which begins with OPEN_CONNECTION_PROGRAM) on a worker thread, `target` (and any more the program reads) as its data: the worker, or why it could not open. */
export async function startSqliteWorker<T extends SqliteWorkerTarget>(program: string, target: T): Promise<{ worker: Worker } | { error: string }> {
  const worker = new Worker(program, { eval: true, workerData: target });
  const ready = await new Promise<{ ready: boolean; error?: string }>((resolve) => {
    worker.once('message', resolve);
    worker.once('error', (error) => resolve({ ready: false, error: error.message }));
    worker.once('exit', (code) => resolve({ ready: false, error: `the worker stopped (exit code ${code})` }));
  });
  if (!ready.ready) {
    await worker.terminate();
    return { error: ready.error ?? 'unknown' };
  }
  worker.unref(); // never what keeps a host's process alive
  return { worker };
}

/** Stops a worker started by startSqliteWorker: its connection closes first (given 2 s), then the thread ends. */
export async function stopSqliteWorker(worker: Worker): Promise<void> {
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  worker.postMessage('close');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  await worker.terminate();
}
