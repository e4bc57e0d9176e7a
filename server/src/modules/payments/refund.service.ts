import { createHash } from 'node:crypto';
import { MoreThan } from 'typeorm';
import type { Principal } from '../../common/auth/roles';
import { ErrorCode, HubError, badInput, notFound } from '../../common/errors/hub-error';
import { formatMoney } from '../../common/money';
import { optionalText, requireText } from '../../common/validation';
import { insertOne, runWrite, type Database } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { EventType } from '../../events/event-types';
import { findAndLockAccount } from '../accounts/account.service';
import { Payment, PaymentStatus } from './payment.entity';
import { Refund } from './refund.entity';
import type { RecordRefundInput } from './refund.inputs';

function digest(input: RecordRefundInput, accountNumber: string, reference: string | null): string {
  return createHash('sha256')
    .update(JSON.stringify(['refund', accountNumber, input.amount, input.channel, reference]))
    .digest('hex');
}

/**
 * Refunds: the account's unapplied credit (left over from payments and credit
 * notes) paid back, once per idempotency key, never more than there is. The
 * refund takes the unapplied money of the oldest credits first, under the
 * account's lock, each one with a compare-and-set on what it read, so that
 * every payment row keeps amount = allocations + unapplied + refunded.
 */
export class RefundService {
  constructor(private readonly db: Database) {}

  async record(actor: Principal, input: RecordRefundInput): Promise<Refund> {
    const accountNumber = requireText(input.accountNumber, 'accountNumber', 32);
    const key = requireText(input.idempotencyKey, 'idempotencyKey', 128);
    const reference = optionalText(input.reference, 'reference', 128);
    if (input.amount <= 0) throw badInput(`amount must be more than 0; got ${formatMoney(input.amount)}`);
    const requestDigest = digest(input, accountNumber, reference);
    try {
      return await this.db.transaction(async (tx) => {
        const account = await findAndLockAccount(tx.em, { number: accountNumber });
        if (!account) throw notFound(`Account ${accountNumber}`);
        // A retry after its original committed: answer with the original before judging the amount,
        // which the original itself used up.
        const earlier = await this.replay(key, requestDigest, tx.em.getRepository(Refund));
        if (earlier) return earlier;
        const credits = await tx.em.getRepository(Payment).find({
          where: { accountId: account.id, status: PaymentStatus.APPLIED, unapplied: MoreThan(0) },
          order: { id: 'ASC' },
        });
        const available = credits.reduce((sum, c) => sum + c.unapplied, 0);
        if (input.amount > available)
          throw badInput(
            `amount ${formatMoney(input.amount)} is more than the ${formatMoney(available)} of unapplied credit account ${accountNumber} has`,
          );
        let left = input.amount;
        const taken: Array<{ paymentId: string; amount: number }> = [];
        for (const credit of credits) {
          if (left === 0) break;
          const amount = Math.min(left, credit.unapplied);
          const { affected } = await runWrite(
            tx.em,
            'UPDATE payment SET unapplied = unapplied - ?, refunded = refunded + ? WHERE id = ? AND unapplied = ? AND status = ?',
            [amount, amount, Number(credit.id), credit.unapplied, PaymentStatus.APPLIED],
          );
          if (affected !== 1) throw new Error(`payment ${credit.id} changed while refund was taken from it`);
          taken.push({ paymentId: credit.id, amount });
          left -= amount;
        }
        const refund = Object.assign(new Refund(), {
          accountId: account.id,
          amount: input.amount,
          channel: input.channel,
          reference,
          idempotencyKey: key,
          requestDigest,
          createdBy: actor.name,
          createdAt: new Date(),
        });
        refund.id = await insertOne(tx.em, Refund, refund);
        tx.emit({
          type: EventType.REFUND_RECORDED,
          subjectId: refund.id,
          accountNumber: account.number,
          payload: {
            amount: formatMoney(refund.amount),
            channel: refund.channel,
            reference,
            unappliedCredit: formatMoney(available - refund.amount),
          },
        });
        tx.audit({
          actor: actor.name,
          action: 'recordRefund',
          subjectType: 'Refund',
          subjectId: refund.id,
          after: { ...refund, takenFrom: taken.map((t) => ({ paymentId: t.paymentId, amount: formatMoney(t.amount) })) },
        });
        return refund;
      });
    } catch (error) {
      // Two requests with one key at once: the unique index refused the second; the first decides the answer.
      if (isUniqueViolation(error)) {
        const winner = await this.replay(key, requestDigest, this.db.manager.getRepository(Refund));
        if (winner) return winner;
      }
      throw error;
    }
  }

  private async replay(key: string, requestDigest: string, repo: { findOneBy(where: { idempotencyKey: string }): Promise<Refund | null> }) {
    const existing = await repo.findOneBy({ idempotencyKey: key });
    if (!existing) return null;
    if (existing.requestDigest !== requestDigest)
      throw new HubError(
        ErrorCode.IDEMPOTENCY_CONFLICT,
        `Idempotency key "${key.slice(0, 40)}" was used for a different refund (${existing.id}); use a new key`,
      );
    return existing;
  }
}
