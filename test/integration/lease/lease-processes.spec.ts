import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openTestDataSource, testDatabases, TestDatabase } from '../../helpers/databases';

const run = promisify(execFile);
const CONTENDERS = 4;

/** Separate processes sharing one database race for one tenant's lease: exactly one wins. */
describe.each(
  testDatabases().map((db): TestDatabase =>
    db.name === 'sqlite' ? { name: 'sqlite', options: { type: 'better-sqlite3', database: join(mkdtempSync(join(tmpdir(), 'pax8-lease-')), 'db.sqlite'), timeout: 10_000 } as never } : db,
  ),
)('sync lease across processes on $name', (db) => {
  it(`lets exactly one of ${CONTENDERS} processes take the lease`, async () => {
    const ds = await openTestDataSource(db);
    await ds.destroy();
    const startAt = Date.now() + 4000; // every contender has connected by then, so they really race
    const results = await Promise.all(
      Array.from({ length: CONTENDERS }, () =>
        run(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '..', '..', 'helpers', 'lease-contender.ts'), JSON.stringify({ options: db.options, tenantId: 'raced-tenant', startAt })], {
          cwd: join(__dirname, '..', '..', '..'),
          timeout: 120_000, // ts-node start-up of four processes at once is slow on a loaded 2-core machine
        }).then(({ stdout }) => JSON.parse(stdout.trim()) as { pid: number; acquired: boolean }),
      ),
    );
    expect(results).toHaveLength(CONTENDERS);
    expect(results.filter((r) => r.acquired)).toHaveLength(1);
  }, 180_000);
});
