import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { isSqlite } from './dialect';

/**
 * SQLite through TypeORM is one connection (one query runner) for everything: a statement sent by anyone while
 * a transaction is open runs inside it. A read would see rows that are not committed yet, and a write answered
 * as saved would be lost with the transaction if it then rolled back (a user's mapping change during a failing
 * sync write, say). So on SQLite a transaction owns the connection: statements from outside it (any other
 * async flow) wait until it has ended, and transactions run one after another. A transaction must therefore
 * never wait for a statement of another flow (it would wait for itself).
 */
interface SqliteGate {
  /** The transaction that owns the connection (its flow carries this token), or null. */
  owner: symbol | null;
  /** Settles when the owner's transaction ends. */
  ended: Promise<void>;
  /** The queue of transactions: the last one's end. */
  tail: Promise<unknown>;
  /** Statements of other flows that wait for the owner or are running: the next transaction starts after them. */
  outside: number;
  /** Of those, the reads (SELECT): a transaction on a separate connection need not wait for them. */
  reading: number;
  /** The one query runner every caller shares (null if the driver handed out runners of their own). */
  runner: QueryRunner | null;
  /** The owner's transaction runs on a connection of its own (see SeparateConnection), not on the shared runner. */
  ownerElsewhere: boolean;
}

/**
 * A connection of the plugin's own beside the one TypeORM shares (the sync's SQLite writer on a worker thread). Its
 * transactions own the shared connection as any other does: a write sent there meanwhile would find the database
 * locked by this one, and SQLite's busy wait would hold the event loop.
 */
export interface SeparateConnection {
  /** False once it failed: transactions run on the shared connection again. */
  readonly usable: boolean;
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
}

const flow = new AsyncLocalStorage<symbol>();
const OUTSIDE_SEPARATE_TRANSACTION = "A statement was sent on the shared connection from inside a transaction that runs on a separate one: use the transaction's manager";
const gates = new WeakMap<DataSource, SqliteGate>();
/** A statement that only reads (SQLite's SELECT cannot write; a `WITH` can, so it does not count). */
const isRead = (sql: unknown): boolean => typeof sql === 'string' && /^\s*SELECT\b/i.test(sql);

/** Makes the shared query runner hold statements and transactions of other flows while a transaction owns it. */
function gateFor(dataSource: DataSource): SqliteGate {
  const known = gates.get(dataSource);
  if (known) return known;
  const g: SqliteGate = { owner: null, ended: Promise.resolve(), tail: Promise.resolve(), outside: 0, reading: 0, runner: null, ownerElsewhere: false };
  gates.set(dataSource, g);
  const runner: QueryRunner = dataSource.createQueryRunner(); // TypeORM's SQLite drivers hand out one shared runner
  const other = dataSource.createQueryRunner();
  if (other !== runner) {
    // Runners with connections of their own would isolate transactions themselves: nothing to hold.
    void runner.release();
    void other.release();
    return g;
  }
  g.runner = runner;
  const done = () => void g.outside--;
  const readDone = () => void (g.outside--, g.reading--);
  for (const method of ['query', 'startTransaction'] as const) {
    const original = (runner[method] as (...args: unknown[]) => Promise<unknown>).bind(runner);
    // A read that waited for one owner need not wait for a next one on a separate connection (see below).
    const afterOwner = async (args: unknown[], read: boolean) => {
      while (g.owner && !(read && g.ownerElsewhere)) await g.ended;
      return original(...args);
    };
    (runner as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      if (g.owner && flow.getStore() === g.owner) {
        // The owner's own statements; on a separate connection they belong on its manager (here they would see
        // none of its writes, and a write would wait for its lock).
        return g.ownerElsewhere ? Promise.reject(new Error(OUTSIDE_SEPARATE_TRANSACTION)) : original(...args);
      }
      g.outside++;
      const read = method === 'query' && isRead(args[0]);
      if (read) g.reading++;
      // Nobody owns the connection (the common case): straight through, counted until it settles. A read also goes
      // straight through while a separate connection's transaction owns it: WAL shows it the last commit, never
      // that transaction's rows, and a read takes no lock that transaction waits for.
      const result = g.owner && !(read && g.ownerElsewhere) ? afterOwner(args, read) : original(...args);
      const settled = read ? readDone : done;
      result.then(settled, settled);
      return result;
    };
  }
  return g;
}

/**
 * One transaction owning the connection. It starts once the statements of other flows that waited for the
 * previous one, or are still running, have ended (so a stream of sync writes cannot starve a user's request,
 * and no statement sent just before lands inside it), and once a transaction TypeORM opened itself (a bare
 * `save`) has ended: it would otherwise nest into that one as a savepoint.
 */
async function ownConnection<T>(dataSource: DataSource, gate: SqliteGate, work: (manager: EntityManager) => Promise<T>, separate?: SeparateConnection): Promise<T> {
  const elsewhere = !!separate?.usable && !!gate.runner;
  // Reads on the shared connection never conflict with a separate connection's writes (see the gate).
  const busy = () => (elsewhere ? gate.outside - gate.reading : gate.outside) > 0 || gate.runner?.isTransactionActive;
  while (busy()) await new Promise((resolve) => setImmediate(resolve));
  const token = Symbol('sqlite transaction');
  let end!: () => void;
  gate.owner = token;
  gate.ownerElsewhere = elsewhere;
  gate.ended = new Promise<void>((resolve) => (end = resolve));
  try {
    return await flow.run(token, () => (elsewhere ? separate!.transaction(work) : dataSource.transaction(work)));
  } finally {
    gate.owner = null;
    gate.ownerElsewhere = false;
    end();
  }
}

/**
 * `dataSource.transaction` for every database the plugin runs on. On SQLite the transaction owns the one
 * connection while it runs (see SqliteGate), and transactions are queued one after another; with `separate`
 * (SQLite only, while it is usable) the transaction runs there instead, owning the shared connection all the same.
 * Keep network calls out of `work`: transactions hold locks, and on SQLite every other statement waits.
 */
export function runInTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>, separate?: SeparateConnection): Promise<T> {
  if (!isSqlite(dataSource)) return dataSource.transaction(work);
  const gate = gateFor(dataSource);
  // Queued behind itself it would wait forever: say so instead of hanging.
  if (gate.owner && flow.getStore() === gate.owner) return Promise.reject(new Error('runInTransaction was called inside a transaction; pass its manager on instead'));
  const next = gate.tail.catch(() => undefined).then(() => ownConnection(dataSource, gate, work, separate));
  gate.tail = next.catch(() => undefined);
  return next;
}
