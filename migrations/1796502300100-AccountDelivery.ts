import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols } from './helpers';

/** How each account's bills and letters reach the customer: EMAIL where an email is known, else PRINT. */
export class AccountDelivery1796502300100 implements MigrationInterface {
  name = 'AccountDelivery1796502300100';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    await q.addColumn('account', new TableColumn(c.identifier('delivery', 8, { default: 'PRINT' })));
    await q.query("UPDATE account SET delivery = 'EMAIL' WHERE email IS NOT NULL");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('account', 'delivery');
  }
}
