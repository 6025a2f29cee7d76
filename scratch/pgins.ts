import { Client } from 'pg';
(async () => {
  const c = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/bench_main' });
  await c.connect();
  const cols = (await c.query(`select column_name, data_type, character_maximum_length from information_schema.columns where table_name='pax8_subscriptions' order by ordinal_position`)).rows;
  const rows = (await c.query(`select * from pax8_subscriptions limit 40000`)).rows;
  const typ = (r: any) => r.data_type === 'character varying' ? 'varchar' : r.data_type === 'timestamp without time zone' ? 'timestamp' : r.data_type;
  const lit = (vals: any[]) => '{' + vals.map((v) => v === null ? 'NULL' : v instanceof Date ? `"${v.toISOString()}"` : `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',') + '}';
  for (const variant of ['idx', 'noidx', 'idx', 'noidx']) {
    await c.query(`drop table if exists scratch_subs`);
    await c.query(`create table scratch_subs (like pax8_subscriptions including defaults ${variant === 'idx' ? 'including indexes' : ''})`);
    const sql = `insert into scratch_subs (${cols.map((x: any) => `"${x.column_name}"`).join(',')}) select * from unnest(${cols.map((x: any, i: number) => `$${i + 1}::${typ(x)}[]`).join(',')})`;
    const t0 = performance.now(); let srv = 0;
    for (let i = 0; i < rows.length; i += 300) {
      const batch = rows.slice(i, i + 300).map((r: any) => ({ ...r, id: r.id.slice(0, 30) + String(i).padStart(6, '0') }));
      const params = cols.map((x: any) => lit(batch.map((r: any) => r[x.column_name])));
      await c.query('begin');
      const s = performance.now();
      await c.query(sql, params);
      srv += performance.now() - s;
      await c.query('commit');
    }
    console.log(variant, 'total', Math.round(performance.now() - t0), 'insert stmt', Math.round(srv));
  }
  // COPY-like comparison: insert ... select from the table itself in 300-row chunks (no parse)
  await c.query(`drop table if exists scratch_subs`);
  await c.end();
})();
