import { In, IsNull } from 'typeorm';
import type { Principal } from '../../common/auth/roles';
import { badInput, invalidState, notFound } from '../../common/errors/hub-error';
import { formatMoney } from '../../common/money';
import { parseId, requireText } from '../../common/validation';
import { insertOne, type Database } from '../../db/database';
import { lockAccount } from '../accounts/account.service';
import { PendingCharge } from '../billing/pending-charge.entity';
import type { AddChargeInput } from './credit.inputs';

/** Charges and credits are refused past this many cents (a typo guard): 1 billion. */
const MAX_CHARGE = 100_000_000_000;

/**
 * One-off charges and credits an operator puts on an account's next regular
 * invoice. They live beside the sign-up credits carried forward (table
 * pending_charge), told apart by having no source enrollment; the bill run
 * bills them as CHARGE lines.
 */
export class ChargeService {
  constructor(private readonly db: Database) {}

  /** Each account's charges and credits still waiting for an invoice, oldest first. */
  async pendingFor(accountIds: readonly string[]): Promise<PendingCharge[]> {
    return this.db.manager
      .getRepository(PendingCharge)
      .find({ where: { accountId: In([...accountIds]), invoiceId: IsNull() }, order: { id: 'ASC' } });
  }

  async add(actor: Principal, input: AddChargeInput): Promise<PendingCharge> {
    const accountId = parseId(input.accountId, 'Account');
    const description = requireText(input.description, 'description', 255);
    if (input.amount === 0) throw badInput('amount must not be 0: positive for a charge, negative for a credit');
    if (Math.abs(input.amount) > MAX_CHARGE)
      throw badInput(`amount ${formatMoney(input.amount)} is over the ${formatMoney(MAX_CHARGE)} a single charge may carry`);
    return this.db.transaction(async (tx) => {
      const account = await lockAccount(tx.em, accountId);
      const charge = Object.assign(new PendingCharge(), {
        accountId: account.id,
        amount: input.amount,
        description,
        taxable: input.taxable,
        sourceEnrollmentId: null,
        sourcePromoCodeId: null,
        sourceIncentiveId: null,
        fromInvoiceId: null,
        invoiceId: null,
        createdBy: actor.name,
        createdAt: new Date(),
      });
      charge.id = await insertOne(tx.em, PendingCharge, charge);
      tx.audit({ actor: actor.name, action: 'addCharge', subjectType: 'PendingCharge', subjectId: charge.id, after: { ...charge } });
      return charge;
    });
  }

  /** Only while no invoice billed it, and only an operator's charge (a carried sign-up credit stays). */
  async remove(actor: Principal, id: string): Promise<boolean> {
    parseId(id, 'PendingCharge');
    return this.db.transaction(async (tx) => {
      const found = await tx.em.getRepository(PendingCharge).findOneBy({ id });
      if (!found) throw notFound(`Pending charge ${id}`);
      await lockAccount(tx.em, found.accountId);
      if (found.sourceEnrollmentId !== null)
        throw invalidState(`Pending charge ${id} is a sign-up credit carried forward; only charges added with addCharge can be removed`);
      const result = await tx.em.getRepository(PendingCharge).delete({ id, invoiceId: IsNull() });
      if (!result.affected) throw invalidState(`Pending charge ${id} was billed already; credit its invoice instead`);
      tx.audit({ actor: actor.name, action: 'removePendingCharge', subjectType: 'PendingCharge', subjectId: id, before: { ...found } });
      return true;
    });
  }
}
