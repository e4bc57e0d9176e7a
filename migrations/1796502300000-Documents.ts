import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols, dialectOf, foreignKey } from './helpers';

/**
 * Bills and letters as documents: the account's postal address, the
 * retailer's branding (one row, with its PNG logo), every document as sent
 * (its PDF bytes kept in the database, so every process serves the same ones),
 * and the queue of documents waiting to be rendered after the transaction
 * that issued their invoice or letter has committed.
 */
export class Documents1796502300000 implements MigrationInterface {
  name = 'Documents1796502300000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    const blob = (name: string, nullable: boolean) =>
      new TableColumn({ name, type: dialectOf(q) === 'mysql' ? 'longblob' : 'blob', isNullable: nullable });
    await q.addColumns('account', [
      new TableColumn(c.varchar('address_line1', 128, { nullable: true })),
      new TableColumn(c.varchar('address_line2', 128, { nullable: true })),
      new TableColumn(c.varchar('address_city', 64, { nullable: true })),
      new TableColumn(c.varchar('address_region', 64, { nullable: true })),
      new TableColumn(c.identifier('address_postal_code', 16, { nullable: true })),
      new TableColumn(c.varchar('address_country', 64, { nullable: true })),
    ]);
    await q.createTable(
      new Table({
        name: 'branding',
        columns: [
          c.id(),
          c.varchar('name', 128),
          c.varchar('address', 500, { nullable: true }),
          c.varchar('support_phone', 32, { nullable: true }),
          c.varchar('support_email', 254, { nullable: true }),
          c.varchar('website', 255, { nullable: true }),
          c.varchar('color', 7),
          c.varchar('footer', 1000, { nullable: true }),
          blob('logo', true),
          c.timestamp('updated_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'document',
        columns: [
          c.id(),
          c.identifier('kind', 16),
          c.bigint('account_id'),
          c.bigint('invoice_id', { nullable: true }),
          c.bigint('collections_action_id', { nullable: true }),
          c.bigint('credit_note_id', { nullable: true }),
          c.identifier('sha256', 64),
          c.int('pages'),
          c.int('bytes'),
          blob('content', false),
          c.timestamp('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_document_account', columnNames: ['account_id', 'id'] }),
          // One document per invoice, letter and credit note: a second process rendering the same one cannot store it.
          new TableIndex({ name: 'ux_document_invoice', columnNames: ['invoice_id'], isUnique: true }),
          new TableIndex({ name: 'ux_document_action', columnNames: ['collections_action_id'], isUnique: true }),
          new TableIndex({ name: 'ux_document_credit_note', columnNames: ['credit_note_id'], isUnique: true }),
        ],
        foreignKeys: [
          foreignKey('document', 'account_id', 'account'),
          foreignKey('document', 'invoice_id', 'invoice'),
          foreignKey('document', 'collections_action_id', 'collections_action'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'document_job',
        columns: [
          c.id(),
          // INVOICE, LETTER or CREDIT_NOTE, and the id of that invoice, collections action or credit note.
          c.identifier('subject_kind', 16),
          c.bigint('subject_id'),
          c.int('attempts', { default: 0 }),
          c.varchar('last_error', 500, { nullable: true }),
          c.varchar('lease_owner', 64, { nullable: true }),
          c.timestamp('lease_until', { nullable: true }),
          c.timestamp('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'ux_document_job_subject', columnNames: ['subject_kind', 'subject_id'], isUnique: true }),
          new TableIndex({ name: 'ix_document_job_lease', columnNames: ['lease_until'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('document_job');
    await q.dropTable('document');
    await q.dropTable('branding');
    for (const column of ['address_line1', 'address_line2', 'address_city', 'address_region', 'address_postal_code', 'address_country']) {
      await q.dropColumn('account', column);
    }
  }
}
