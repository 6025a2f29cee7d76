/**
 * A separate process contending for a tenant's sync lease (used by lease-processes.spec.ts).
 * argv: JSON { options: DataSourceOptions, tenantId, startAt } → prints JSON { pid, acquired }.
 */
import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { PAX8_ENTITIES } from '../../server/entities';
import { SyncLeaseService } from '../../server/sync/sync-lease.service';

async function main(): Promise<void> {
  const { options, tenantId, startAt } = JSON.parse(process.argv[2]) as { options: DataSourceOptions; tenantId: string; startAt: number };
  const ds = new DataSource({ ...options, entities: PAX8_ENTITIES } as DataSourceOptions);
  await ds.initialize();
  const leases = new SyncLeaseService(ds);
  await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
  const acquired = await leases.acquire(tenantId, `run-${process.pid}`, 60_000, `holder-${process.pid}`);
  process.stdout.write(JSON.stringify({ pid: process.pid, acquired }) + '\n');
  await ds.destroy();
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err));
  process.exit(1);
});
