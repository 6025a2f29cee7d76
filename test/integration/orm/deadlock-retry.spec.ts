import { DataSource, In, QueryFailedError, QueryRunner } from 'typeorm';
import { ApprovalRequest } from '../../../server/agent-tools/approval-request.entity';
import { isRetryableConflict } from '../../../server/common/orm/write-conflicts';
import { TenantRepository } from '../../../server/common/tenancy/tenant-repository';
import { openTestDataSource, testDatabases } from '../../helpers/databases';

// A real deadlock between a statement of its own (TenantRepository.update) and another transaction: the
// statement locks row A, waits for row B; the transaction holds B and then asks for A. The database breaks
// the cycle by rolling back one of them. SQLite has one writer at a time and never deadlocks: there, only the
// test that other failures are not run again applies.
describe.each(testDatabases())('a statement of its own that fails, on $name', (db) => {
  let ds: DataSource;
  const tenant = 'deadlock-t';
  const A = '00000000-0000-7000-8000-00000000000a';
  const B = '00000000-0000-7000-8000-00000000000b';

  beforeAll(async () => {
    ds = await openTestDataSource(db);
  });
  afterAll(async () => {
    await ds?.destroy();
  });
  beforeEach(async () => {
    const repo = ds.getRepository(ApprovalRequest);
    await repo.delete({ tenantId: tenant });
    const row = (id: string) => ({ id, tenantId: tenant, toolName: 'pax8-create-order', arguments: {}, inputHash: 'h', status: 'pending', summary: {}, dryRun: {}, requestedBy: 'u', expiresAt: new Date(Date.now() + 3_600_000) });
    await repo.insert([row(A), row(B)] as never);
    // An UPDATE locks rows in the order it scans them: rewrite PostgreSQL's heap in key order, so A comes first
    // on a sequential scan too (InnoDB scans in key order).
    if (db.name === 'postgres') {
      const [pk] = await ds.query("SELECT indexname FROM pg_indexes WHERE tablename = 'pax8_approval_requests' AND indexname LIKE 'PK%'");
      await ds.query(`CLUSTER pax8_approval_requests USING "${pk.indexname}"`);
    }
  });

  const deadlocks = async (): Promise<number> => {
    if (db.name === 'postgres') return Number((await ds.query('SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()'))[0].deadlocks);
    return Number((await ds.query("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'"))[0].Value);
  };
  /**
   * Resolves once the claim waits for a row lock (in this test's database: CI runs two suites on one server), so
   * the cycle closes in the order the test means. MariaDB lists
   * an UPDATE planned with a buffer ("Searching rows for update") in the process list but not as a lock wait:
   * seen there in two polls 100 ms apart, it is blocked (it would take microseconds otherwise).
   */
  const claimWaits = async (): Promise<void> => {
    const sql =
      db.name === 'postgres'
        ? "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE%pax8_approval_requests%'"
        : "SELECT count(*) AS n FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND INFO LIKE 'UPDATE `pax8_approval_requests`%'";
    let seen = 0;
    for (let i = 0; i < 100; i++) {
      seen = Number((await ds.query(sql))[0].n) > 0 ? seen + 1 : 0;
      if (seen === 2) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the claim never waited for a lock');
  };

  /** The other transaction holds B, and many rows of its own so that InnoDB picks the smaller side as the victim. */
  async function holdB(runner: QueryRunner): Promise<void> {
    await runner.startTransaction();
    await runner.manager.getRepository(ApprovalRequest).update({ tenantId: tenant, id: B }, { error: 'other' });
    const filler = Array.from({ length: 50 }, (_, i) => ({ id: `00000000-0000-7000-9000-${String(i).padStart(12, '0')}`, tenantId: tenant, toolName: 'x', arguments: {}, inputHash: 'h', status: 'failed', summary: {}, dryRun: {}, requestedBy: 'u', expiresAt: new Date() }));
    await runner.manager.getRepository(ApprovalRequest).insert(filler as never);
  }

  it('is not run again when it failed for another reason than a deadlock (a duplicate key)', async () => {
    const repo = new TenantRepository(ds, ApprovalRequest, tenant);
    const attempts = jest.spyOn(repo.repo, 'update');
    try {
      const error = await repo.update({ id: A }, { id: B }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QueryFailedError);
      expect(isRetryableConflict(error)).toBe(false);
      expect(attempts).toHaveBeenCalledTimes(1);
    } finally {
      attempts.mockRestore();
    }
  });

  if (db.name === 'sqlite') return;

  it('runs a statement of its own again after the database rolled it back to break a deadlock', async () => {
    const repo = new TenantRepository(ds, ApprovalRequest, tenant);
    const attempts = jest.spyOn(repo.repo, 'update');
    const before = await deadlocks();
    const other = ds.createQueryRunner();
    try {
      await holdB(other);
      const claim = repo.update({ id: In([A, B]), status: 'pending' }, { status: 'executing' });
      await claimWaits();
      // Closes the cycle: the database rolls back the claim (the one that waited first, or the smaller one).
      await other.manager.getRepository(ApprovalRequest).update({ tenantId: tenant, id: A }, { error: 'other' });
      await other.commitTransaction();
      expect(((await claim) as { affected?: number }).affected).toBe(2);
      // The victim, then the run that succeeded. On PostgreSQL the retry can take A's row lock in the moment between
      // the victim's rollback and the other transaction's wake-up, and close the same cycle once more (seen under load).
      expect(attempts.mock.calls.length).toBeGreaterThanOrEqual(2);
      expect(attempts.mock.calls.length).toBeLessThanOrEqual(4); // retryOnDeadlock's limit
    } finally {
      attempts.mockRestore();
      if (other.isTransactionActive) await other.rollbackTransaction();
      await other.release();
    }
    expect(await deadlocks()).toBeGreaterThan(before);
    const rows = await ds.getRepository(ApprovalRequest).find({ where: { tenantId: tenant, id: In([A, B]) }, order: { id: 'ASC' } });
    expect(rows.map((r) => [r.status, r.error])).toEqual([
      ['executing', 'other'],
      ['executing', 'other'],
    ]);
  });

  it('leaves the retry to the owner of a transaction: inside one, the deadlock reaches the caller', async () => {
    const other = ds.createQueryRunner();
    const mine = ds.createQueryRunner();
    try {
      await holdB(other);
      await mine.startTransaction();
      const repo = new TenantRepository(mine.manager, ApprovalRequest, tenant);
      const claim = repo.update({ id: In([A, B]), status: 'pending' }, { status: 'executing' }).then(
        () => null,
        (e: unknown) => e,
      );
      await claimWaits();
      await other.manager.getRepository(ApprovalRequest).update({ tenantId: tenant, id: A }, { error: 'other' });
      await other.commitTransaction();
      const outcome = await claim;
      expect(isRetryableConflict(outcome)).toBe(true);
    } finally {
      for (const r of [other, mine]) {
        if (r.isTransactionActive) await r.rollbackTransaction();
        await r.release();
      }
    }
  });
});
