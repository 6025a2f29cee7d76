import { DataSource, DeepPartial, EntityManager, EntityTarget, FindManyOptions, FindOptionsWhere, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { retryOnDeadlock } from '../orm/write-conflicts';

type Tenanted = ObjectLiteral & { tenantId: string };

/**
 * The only way plugin code reaches a table: every read, write and delete is pinned to one tenant,
 * so a forgotten `where tenantId` cannot happen. Another tenant's ids simply find nothing (404).
 */
export class TenantRepository<T extends Tenanted> {
  readonly repo: Repository<T>;
  /** Not inside a caller's transaction: each update or delete is one statement of its own. */
  private readonly standalone: boolean;

  constructor(source: DataSource | EntityManager, entity: EntityTarget<T>, readonly tenantId: string) {
    this.repo = source.getRepository(entity);
    this.standalone = !this.repo.manager.queryRunner;
  }

  /**
   * A statement of its own that InnoDB or PostgreSQL picked as a deadlock victim was rolled back whole, so
   * running it again is safe (a conditional WHERE is checked again). Concurrent conditional updates of one row
   * through a secondary index (MariaDB plans the approval claim on (tenantId, status)) can deadlock. Inside a
   * caller's transaction the whole transaction must be run again, which only its owner can do.
   */
  private statement<R>(run: () => Promise<R>): Promise<R> {
    return this.standalone ? retryOnDeadlock(run) : run();
  }

  private scope(where: FindOptionsWhere<T> = {}): FindOptionsWhere<T> {
    return { ...where, tenantId: this.tenantId } as FindOptionsWhere<T>;
  }

  find(where: FindOptionsWhere<T> = {}, options: Omit<FindManyOptions<T>, 'where'> = {}): Promise<T[]> {
    return this.repo.find({ ...options, where: this.scope(where) });
  }

  findOne(where: FindOptionsWhere<T>): Promise<T | null> {
    return this.repo.findOne({ where: this.scope(where) });
  }

  /** True when the tenant has no row in this table (reads one id at most). */
  async isEmpty(): Promise<boolean> {
    return !(await this.repo.findOne({ where: this.scope(), select: { id: true } as never }));
  }

  count(where: FindOptionsWhere<T> = {}): Promise<number> {
    return this.repo.count({ where: this.scope(where) });
  }

  create(values: DeepPartial<T>): T {
    return this.repo.create({ ...values, tenantId: this.tenantId } as DeepPartial<T>);
  }

  save(entity: T): Promise<T> {
    if (entity.tenantId !== this.tenantId) throw new Error('Refusing to save a row of another tenant');
    return this.repo.save(entity);
  }

  update(where: FindOptionsWhere<T>, values: QueryDeepPartialEntity<T>): Promise<unknown> {
    return this.statement(() => this.repo.update(this.scope(where), values));
  }

  delete(where: FindOptionsWhere<T> = {}): Promise<unknown> {
    return this.statement(() => this.repo.delete(this.scope(where)));
  }

  /** A query builder already filtered to the tenant; add conditions with `andWhere`. */
  query(alias: string): SelectQueryBuilder<T> {
    return this.repo.createQueryBuilder(alias).where(`${alias}.tenantId = :tenantId`, { tenantId: this.tenantId });
  }
}
