import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Turns the raw rows of a joined query (keys `<alias>_<property>`, as `select('alias.property')`
 * names them) into entities of one alias, with the driver's own conversions and column transformers.
 * The same values `getMany()` gives, without TypeORM's per-row grouping of joined results, which costs
 * several times the query on pages of a thousand rows.
 */
export class RawHydrator<T extends ObjectLiteral> {
  private readonly columns: Array<[key: string, column: ColumnMetadata]>;
  private readonly idKey: string;
  private readonly create: () => T;
  private readonly driver: DataSource['driver'];

  constructor(source: DataSource, entity: EntityTarget<T>, alias: string) {
    const metadata = source.getMetadata(entity);
    this.driver = source.driver;
    this.columns = metadata.columns.map((c) => [`${alias}_${c.propertyName}`, c]);
    this.idKey = `${alias}_${metadata.primaryColumns[0].propertyName}`;
    this.create = () => metadata.create() as T;
  }

  /** The alias's entity in each raw row (null where a left join found none), reading only the selected columns. */
  many(raws: Array<Record<string, unknown>>): Array<T | null> {
    const selected = raws.length ? this.columns.filter(([key]) => key in raws[0]) : [];
    return raws.map((raw) => {
      if (raw[this.idKey] === null || raw[this.idKey] === undefined) return null;
      const out = this.create() as Record<string, unknown>;
      for (const [key, column] of selected) out[column.propertyName] = this.driver.prepareHydratedValue(raw[key], column);
      return out as T;
    });
  }
}
