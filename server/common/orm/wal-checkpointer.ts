import { Logger } from '@nestjs/common';
import type { Worker } from 'node:worker_threads';
import type { DataSource } from 'typeorm';
import { OPEN_CONNECTION_PROGRAM, sqliteWorkerTarget, startSqliteWorker, stopSqliteWorker } from './sqlite-worker-connection';

/**
 * The worker's program after it opened its connection: a PASSIVE checkpoint (copy the WAL's pages into the database
 * file, never waiting for a reader or the writer) on each request.
 */
const WORKER_PROGRAM = `${OPEN_CONNECTION_PROGRAM}
parentPort.on('message', (message) => {
  if (message === 'close') return;
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, walPages: row.log });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: String((error && error.message) || error) });
  }
});
`;

/**
 * How long the WAL may grow, in pages (32 MB at SQLite's default 4 KB page), before a sync's next write waits for
 * the checkpoints to catch up. 2,000 / 40,000 cold, plugin time, 3 runs each: 8,192 and 16,384 pages 6.2 s, 4,096
 * 6.6–6.9 s, no limit 5.4–6.0 s but a WAL of up to 280 MB; checkpoints in the commits 8.3–9.4 s.
 */
const WAL_LIMIT_PAGES = 8192;

interface CheckpointReply {
  ok: boolean;
  walPages?: number;
  error?: string;
}

/** What a sync holds while it writes: say when a transaction committed; release when the run ends. */
export interface WalCheckpointHold {
  /** Before a write: waits while the WAL is past its limit and the checkpoints have not caught up. */
  beforeWrite(): Promise<void>;
  /** A write committed: its WAL pages are to be checkpointed (off this thread, if a worker runs). */
  afterCommit(): void;
  /** The largest WAL seen by a checkpoint while this hold lasted, in pages (0 without a worker). */
  readonly maxWalPages: number;
  /** Ends the hold; the last one gives the connection back its own setting, checkpoints once more and stops the worker. */
  release(): Promise<void>;
}

const logger = new Logger('Pax8SqliteCheckpoints');

/**
 * SQLite in WAL mode checkpoints inside the commit that takes the WAL past `wal_autocheckpoint` pages (1,000 by
 * default): the committing connection copies every page into the database file and syncs both files. A sync's
 * first pull commits thousands of pages a write, so nearly every one of its commits checkpointed, on the one
 * connection a host's SQLite data source has, on the event loop (2,000 / 40,000 cold, plugin time: 8.3–9.4 s with
 * checkpoints in the commits, 5.6–6.6 s with them on the worker). While syncs run, the connection's automatic checkpoints are off and a worker thread
 * checkpoints after each commit on a connection of its own. A checkpoint only copies committed pages: it takes no
 * writer's lock and changes nothing a reader sees, so this second connection never makes the host's writes busy.
 * The host's own setting comes back when the last sync ends. Anything else (another driver, a database in memory,
 * no WAL, an encrypted file, the worker failing to open) leaves the connection as it is.
 */
class WalCheckpointer {
  private running = false;
  private again = false;
  private idleWaiters: Array<() => void> = [];
  private stopped = false;
  private exited = false;
  maxWalPages = 0;
  /** The WAL's length at the last checkpoint, in pages. */
  private walPages = 0;

  private constructor(
    private readonly dataSource: DataSource,
    private readonly worker: Worker,
    /** The connection's own `wal_autocheckpoint`, given back at the end. */
    private readonly hostSetting: number,
  ) {
    worker.on('message', (reply: CheckpointReply) => this.onReply(reply));
    worker.on('error', (error) => void this.fail(error.message));
    worker.on('exit', () => {
      this.exited = true;
      void this.fail('the checkpoint worker stopped');
    });
  }

  static async open(dataSource: DataSource): Promise<WalCheckpointer | null> {
    const target = await sqliteWorkerTarget(dataSource);
    if (!target) return null;
    const [{ wal_autocheckpoint: hostSetting }] = await dataSource.query('PRAGMA wal_autocheckpoint');
    const started = await startSqliteWorker(WORKER_PROGRAM, target);
    if ('error' in started) {
      logger.warn(`Checkpoints stay on the connection: the worker could not open the database (${started.error}).`);
      return null;
    }
    const { worker } = started;
    try {
      await dataSource.query('PRAGMA wal_autocheckpoint = 0');
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    return new WalCheckpointer(dataSource, worker, Number(hostSetting));
  }

  /** One checkpoint at a time; a request while one runs starts another after it (it covers the newer commits). */
  request(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.worker.postMessage('checkpoint');
  }

  /**
   * Past `WAL_LIMIT_PAGES`, waits until the checkpoints have caught up with every commit: the next commit then
   * starts the WAL over from its beginning (SQLite does that only when everything in it was checkpointed, and
   * reuses the file, so the WAL's length is also its file's size on disk).
   */
  async caughtUp(): Promise<void> {
    if (this.walPages > WAL_LIMIT_PAGES) await this.idle();
  }

  /** Gives the connection its setting back, checkpoints what is left and stops the worker. */
  async close(): Promise<void> {
    await this.restoreHostSetting();
    this.request();
    await this.idle();
    this.stopped = true;
    if (!this.exited) await stopSqliteWorker(this.worker);
  }

  private idle(): Promise<void> {
    return this.running ? new Promise((resolve) => this.idleWaiters.push(resolve)) : Promise.resolve();
  }

  private onReply(reply: CheckpointReply): void {
    if (reply.ok) {
      this.walPages = reply.walPages ?? 0;
      this.maxWalPages = Math.max(this.maxWalPages, this.walPages);
    }
    // A checkpoint that could not run (the file busy past the timeout) is retried with the next commit's request.
    else logger.warn(`A checkpoint failed: ${reply.error}`);
    this.running = false;
    if (this.again && !this.stopped) {
      this.again = false;
      this.request();
      return;
    }
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((wake) => wake());
  }

  /** The worker is gone: the connection checkpoints for itself again, so the WAL cannot grow without bound. */
  private async fail(reason: string): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    logger.warn(`Checkpoints are back on the connection: ${reason}.`);
    this.running = false;
    this.idleWaiters.splice(0).forEach((wake) => wake());
    await this.restoreHostSetting();
  }

  private async restoreHostSetting(): Promise<void> {
    try {
      await this.dataSource.query(`PRAGMA wal_autocheckpoint = ${this.hostSetting}`);
    } catch {
      // The data source is closed already: its connection and setting are gone with it.
    }
  }
}

interface Shared {
  holders: number;
  checkpointer: Promise<WalCheckpointer | null>;
}
const shared = new WeakMap<DataSource, Shared>();
/** A closing checkpointer, which a new one waits for (it must read the host's setting, not the 0 being undone). */
const closing = new WeakMap<DataSource, Promise<void>>();

/**
 * Holds the data source's checkpoint worker for a sync (one worker per data source, shared by the syncs that run at
 * once). On anything but a file-backed better-sqlite3 database in WAL mode the hold does nothing.
 */
export async function holdWalCheckpoints(dataSource: DataSource): Promise<WalCheckpointHold> {
  let entry = shared.get(dataSource);
  if (!entry) {
    const previous = closing.get(dataSource) ?? Promise.resolve();
    entry = {
      holders: 0,
      checkpointer: previous.then(() => WalCheckpointer.open(dataSource)).catch((error: Error) => {
        logger.warn(`Checkpoints stay on the connection: ${error.message}`);
        return null;
      }),
    };
    shared.set(dataSource, entry);
  }
  const held = entry;
  held.holders++;
  const checkpointer = await held.checkpointer;
  let released = false;
  return {
    beforeWrite: async () => checkpointer?.caughtUp(),
    afterCommit: () => checkpointer?.request(),
    get maxWalPages() {
      return checkpointer?.maxWalPages ?? 0;
    },
    release: async () => {
      if (released) return;
      released = true;
      if (--held.holders > 0) return;
      shared.delete(dataSource);
      if (!checkpointer) return;
      const done = checkpointer.close();
      closing.set(dataSource, done.catch(() => undefined));
      await done;
    },
  };
}
