import { Column, PrimaryColumn, type ColumnOptions } from 'typeorm';
import { booleanTransformer, idTransformer, integerTransformer, jsonTransformer } from './columns';

/** Entity column decorators matching the migration builders in columns.ts. */
export const IdColumn = (): PropertyDecorator => PrimaryColumn({ type: 'integer', generated: 'increment', transformer: idTransformer });

export const RefColumn = (name: string, opts: { nullable?: boolean } = {}): PropertyDecorator =>
  Column({ name, type: 'bigint', nullable: opts.nullable ?? false, transformer: idTransformer });

export const IntegerColumn = (name: string, opts: Partial<ColumnOptions> = {}): PropertyDecorator =>
  Column({ name, type: 'bigint', transformer: integerTransformer, ...opts });

export const TextColumn = (name: string, opts: { nullable?: boolean; length?: number } = {}): PropertyDecorator =>
  Column({ name, type: 'varchar', length: opts.length, nullable: opts.nullable ?? false });

export const DateColumn = (name: string, opts: { nullable?: boolean } = {}): PropertyDecorator =>
  Column({ name, type: 'varchar', length: 10, nullable: opts.nullable ?? false });

export const TimestampColumn = (name: string, opts: { nullable?: boolean } = {}): PropertyDecorator =>
  Column({ name, type: 'datetime', nullable: opts.nullable ?? false });

export const JsonColumn = (name: string, opts: { nullable?: boolean } = {}): PropertyDecorator =>
  Column({ name, type: 'text', nullable: opts.nullable ?? false, transformer: jsonTransformer });

export const BoolColumn = (name: string): PropertyDecorator => Column({ name, type: 'boolean', transformer: booleanTransformer });
