import { DataSource } from 'typeorm';
import { ApprovalRequest } from '../../../server/agent-tools/approval-request.entity';
import { runInTransaction } from '../../../server/common/orm/transaction';
import { openTestDataSource, testDatabases } from '../../helpers/databases';

// SQLite under TypeORM is one connection: without the gate, a statement of another flow sent while a
// transaction is open runs inside it (dirty reads; a write answered as saved but rolled back with it).
describe('SQLite: a transaction owns the one connection', () => {
  let ds: DataSource;
  const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const row = (id: string, status = 'pending') => ({ id, tenantId: 'gate', toolName: 'x', arguments: {}, inputHash: 'h', status, summary: {}, dryRun: {}, requestedBy: 'u', expiresAt: new Date() });
  const repo = () => ds.getRepository(ApprovalRequest);

  beforeAll(async () => {
    ds = await openTestDataSource(testDatabases()[0]);
  });
  afterAll(async () => {
    await ds?.destroy();
  });
  beforeEach(async () => {
    await repo().delete({ tenantId: 'gate' });
    await repo().insert(row('kept') as never);
  });

  it("keeps another flow's write made while a transaction that then fails is open, and never shows that transaction's rows", async () => {
    let inside = 0;
    const failing = runInTransaction(ds, async (m) => {
      await m.getRepository(ApprovalRequest).insert(row('uncommitted') as never);
      inside = await ds.getRepository(ApprovalRequest).count({ where: { tenantId: 'gate' } }); // its own flow, bare API: no wait
      await tick(50); // a wait on the event loop inside the transaction lets other flows run
      throw new Error('the write failed');
    });
    await tick(10);
    const read = repo().count({ where: { id: 'uncommitted' } });
    const write = repo().update({ id: 'kept' }, { status: 'executing' });
    await expect(failing).rejects.toThrow('the write failed');
    expect(await read).toBe(0);
    await write;
    expect(inside).toBe(2);
    expect((await repo().findOneByOrFail({ id: 'kept' })).status).toBe('executing');
    expect(await repo().count({ where: { id: 'uncommitted' } })).toBe(0);
  });

  it("lets another flow read a committed transaction's rows only after its commit", async () => {
    let workDone = false;
    const committing = runInTransaction(ds, async (m) => {
      await m.getRepository(ApprovalRequest).insert(row('new') as never);
      await tick(30);
      workDone = true;
    });
    await tick(5);
    const seen = await repo().count({ where: { id: 'new' } });
    expect({ seen, workDone }).toEqual({ seen: 1, workDone: true }); // it waited for the commit (else: seen 1 uncommitted, workDone false)
    await committing;
  });

  it('refuses a transaction inside a transaction (queued behind itself it would hang) and rolls the outer one back', async () => {
    const outer = runInTransaction(ds, async (m) => {
      await m.getRepository(ApprovalRequest).insert(row('outer') as never);
      await runInTransaction(ds, async () => undefined);
    });
    await expect(outer).rejects.toThrow(/inside a transaction/);
    expect(await repo().count({ where: { id: 'outer' } })).toBe(0);
  });

  it('queues transactions, lets a waiting statement go before the next one, and waits for a transaction TypeORM opened itself (a bare save)', async () => {
    const order: string[] = [];
    const a = runInTransaction(ds, async (m) => {
      await tick(20);
      await m.getRepository(ApprovalRequest).insert(row('a') as never);
      order.push('a');
    });
    await tick(5); // `a` owns the connection
    // Both wait for `a`, then go before the queued `b`; the save opens its own transaction, which `b` must not
    // nest into as a savepoint.
    const read = repo().count({ where: { tenantId: 'gate' } }).then((n) => order.push(`read ${n}`));
    const saved = repo().save(repo().create(row('saved') as never)).then(() => order.push('save'));
    const b = runInTransaction(ds, async (m) => {
      await m.getRepository(ApprovalRequest).insert(row('b') as never);
      order.push('b');
    });
    await Promise.all([a, b, read, saved]);
    expect(order).toEqual(['a', 'read 2', 'save', 'b']);
    expect((await repo().find({ where: { tenantId: 'gate' } })).map((r) => r.id).sort()).toEqual(['a', 'b', 'kept', 'saved']);
    expect(ds.createQueryRunner().isTransactionActive).toBe(false);
  });
});
