import { TableForeignKey, type QueryRunner } from 'typeorm';
import { columnsFor, type Dialect } from '../server/src/db/columns';

export function dialectOf(runner: QueryRunner): Dialect {
  return runner.connection.options.type === 'mysql' ? 'mysql' : 'sqlite';
}

/** The column builders for the database this migration runs on. */
export function cols(runner: QueryRunner) {
  return columnsFor(dialectOf(runner));
}

/** A foreign key from table.column to target.id, named fk_<table>_<column>. */
export function foreignKey(table: string, column: string, target: string): TableForeignKey {
  return new TableForeignKey({
    name: `fk_${table}_${column}`,
    columnNames: [column],
    referencedTableName: target,
    referencedColumnNames: ['id'],
  });
}
