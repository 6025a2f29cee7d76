import { DataSource } from 'typeorm';
import { PAX8_ENTITIES } from '../../server/entities';
import { openTestDataSource, testDatabases } from '../helpers/databases';

/**
 * The migrations create exactly the schema the entities declare (no drift) on every database this
 * run has, and revert cleanly.
 */
describe.each(testDatabases())('migrations on $name', (db) => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = await openTestDataSource(db);
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  const pluginTables = async (): Promise<string[]> => {
    const runner = ds.createQueryRunner();
    try {
      const tables = await runner.getTables();
      // On MySQL/MariaDB getTables() lists every database on the server: keep this test's own.
      const own = tables.filter((t) => !t.database || t.database === ds.driver.database);
      return own.map((t) => t.name.split('.').pop()!).filter((n) => n.startsWith('pax8_') && n !== 'pax8_migrations');
    } finally {
      await runner.release();
    }
  };

  it('creates every entity table', async () => {
    const expected = ds.entityMetadatas.map((m) => m.tableName).sort();
    expect((await pluginTables()).sort()).toEqual(expected);
    expect(expected).toHaveLength(PAX8_ENTITIES.length);
  });

  it('leaves no pending schema change against the entities', async () => {
    const log = await ds.driver.createSchemaBuilder().log();
    expect(log.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('reverts cleanly and can be applied again', async () => {
    while ((await ds.query(`SELECT COUNT(*) AS n FROM pax8_migrations`))[0].n > 0) {
      await ds.undoLastMigration({ transaction: 'each' });
    }
    expect(await pluginTables()).toEqual([]);
    await ds.runMigrations({ transaction: 'each' });
    const log = await ds.driver.createSchemaBuilder().log();
    expect(log.upQueries).toHaveLength(0);
  });

  it('enforces tenant-scoped uniqueness', async () => {
    const insert = (tenant: string, id: string) =>
      ds.query(
        `INSERT INTO pax8_company_mappings (id, ${q('tenantId')}, ${q('pax8CompanyId')}, ${q('clientId')}, source) VALUES ('${id}', '${tenant}', 'c1', 'client-1', 'manual')`,
      );
    const q = (c: string) => (db.name === 'mysql' || db.name === 'mariadb' ? '`' + c + '`' : `"${c}"`);
    await insert('t1', '00000000-0000-0000-0000-000000000001');
    await insert('t2', '00000000-0000-0000-0000-000000000002');
    await expect(insert('t1', '00000000-0000-0000-0000-000000000003')).rejects.toThrow();
  });
});
