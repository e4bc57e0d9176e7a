import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols } from './helpers';

/** Why an invoice was voided, as the operator said it. */
export class InvoiceVoidReason1796502100100 implements MigrationInterface {
  name = 'InvoiceVoidReason1796502100100';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('invoice', new TableColumn(cols(q).varchar('void_reason', 2000, { nullable: true })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('invoice', 'void_reason');
  }
}
