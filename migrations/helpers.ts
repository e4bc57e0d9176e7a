import type { QueryRunner } from 'typeorm';
import { columnsFor, type Dialect } from '../server/src/db/columns';

export function dialectOf(runner: QueryRunner): Dialect {
  return runner.connection.options.type === 'mysql' ? 'mysql' : 'sqlite';
}

/** The column builders for the database this migration runs on. */
export function cols(runner: QueryRunner) {
  return columnsFor(dialectOf(runner));
}
