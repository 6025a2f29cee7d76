import Decimal from 'decimal.js';
import { Column, ColumnOptions, CreateDateColumn, UpdateDateColumn, ValueTransformer } from 'typeorm';

/**
 * Column helpers that map to the same logical type on PostgreSQL, MySQL/MariaDB and SQLite.
 * `type: Date` lets each driver pick its own date-time type (timestamp / datetime / datetime);
 * money is DECIMAL(19,4) everywhere and travels as a string, never as a binary float.
 */

/** Tenant ids, Pax8 ids and host ids: short enough for composite indexes on MySQL (utf8mb4). */
export const IdColumn = (options: ColumnOptions = {}) => Column({ type: 'varchar', length: 64, ...options });

export const TenantIdColumn = () => Column({ type: 'varchar', length: 64 });

export const DateTimeColumn = (options: ColumnOptions = {}) => Column({ type: Date, precision: 3, ...options });

/**
 * Read back as a 4-place decimal string on every database (SQLite has no DECIMAL and hands back a
 * number; PostgreSQL and MariaDB hand back strings). Writes take the decimal string as is.
 */
export const moneyTransformer: ValueTransformer = {
  to: (value: string | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : new Decimal(value).toFixed(4)),
};

/** DECIMAL(19,4) as a string: 4 places because Pax8 rates carry 4 decimals. */
export const MoneyColumn = (options: ColumnOptions = {}) =>
  Column({ type: 'decimal', precision: 19, scale: 4, transformer: moneyTransformer, ...options });

export const ShortTextColumn = (length = 255, options: ColumnOptions = {}) =>
  Column({ type: 'varchar', length, ...options });

export const LongTextColumn = (options: ColumnOptions = {}) => Column({ type: 'text', ...options });

/** JSON kept as text so the three databases agree (MariaDB's JSON is an alias of LONGTEXT with a check). */
export const JsonColumn = (options: ColumnOptions = {}) => Column({ type: 'simple-json', ...options });

export const BoolColumn = (options: ColumnOptions = {}) => Column({ type: Boolean, ...options });

export const CreatedAt = () => CreateDateColumn();
export const UpdatedAt = () => UpdateDateColumn();
