import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols, foreignKey } from './helpers';

/**
 * Accounts brought in by importAccounts, each with the fingerprint of the row
 * that created it: the same row sent again (a batch retried after a timeout) is
 * recognised as a duplicate, while a different row for the same number is
 * refused. One row per account; the account number itself stays unique on the
 * account table.
 */
export class AccountImports1796502600000 implements MigrationInterface {
  name = 'AccountImports1796502600000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    await q.createTable(
      new Table({
        name: 'account_import',
        columns: [
          c.id(),
          c.bigint('account_id'),
          // sha256 of the row as the import normalised it, hex.
          c.identifier('fingerprint', 64),
          c.varchar('imported_by', 128),
          c.timestamp('imported_at'),
        ],
        indices: [new TableIndex({ name: 'uq_account_import_account', columnNames: ['account_id'], isUnique: true })],
        foreignKeys: [foreignKey('account_import', 'account_id', 'account')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('account_import');
  }
}
