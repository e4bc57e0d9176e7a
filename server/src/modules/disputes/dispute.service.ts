import { In } from 'typeorm';
import { signatureOf, type Principal } from '../../common/auth/roles';
import { badInput, conflict, invalidState, notFound } from '../../common/errors/hub-error';
import { parseId, requireText } from '../../common/validation';
import type { Database, Tx } from '../../db/database';
import { EventType } from '../../events/event-types';
import { lockAccount } from '../accounts/account.service';
import { Invoice } from '../billing/billing.entity';
import { invoiceNumber } from '../billing/invoice-number';
import { CreditNote } from '../credits/credit-note.entity';
import { BuiltInQueue } from '../work-queues/work-queue.entity';
import type { WorkQueueService } from '../work-queues/work-queue.service';
import { Dispute, DisputeStatus } from './dispute.entity';
import { DISPUTE_KINDS } from './dispute-cause';
import { creditNoteRefusal, openRefusal, resolveInputRefusal } from './dispute-rules';

const MAX_PAGE = 500;

/**
 * Disputes of issued invoices: while one is OPEN the invoice's amountDue is
 * left out of pastDue for collections (receivables read invoice_dispute), and
 * a work item waits in queue DISPUTES. Resolving ends the work item.
 */
export class DisputeService {
  constructor(
    private readonly db: Database,
    private readonly workQueues: WorkQueueService,
  ) {}

  async list(
    status: DisputeStatus | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Dispute[]> {
    const asked = first ?? 50;
    if (!Number.isInteger(asked) || asked < 1) throw badInput('first must be at least 1');
    const take = Math.min(asked, MAX_PAGE);
    const qb = this.db.manager.getRepository(Dispute).createQueryBuilder('d').orderBy('d.id', 'DESC').take(take);
    if (status) qb.andWhere('d.status = :status', { status });
    if (after) qb.andWhere('d.id < :after', { after: parseId(after, 'after (a dispute id)') });
    return qb.getMany();
  }

  /** The newest dispute of each of these invoices that has one. */
  async latestForInvoices(invoiceIds: readonly string[]): Promise<Dispute[]> {
    const all = await this.db.manager.getRepository(Dispute).find({ where: { invoiceId: In([...invoiceIds]) }, order: { id: 'DESC' } });
    const seen = new Set<string>();
    return all.filter((d) => !seen.has(d.invoiceId) && seen.add(d.invoiceId));
  }

  async open(actor: Principal, invoiceId: string, reason: string): Promise<Dispute> {
    parseId(invoiceId, 'Invoice');
    const why = requireText(reason, 'reason', 500);
    return this.db.transaction(async (tx) => {
      const found = await tx.em.getRepository(Invoice).findOneBy({ id: invoiceId });
      if (!found) throw notFound(`Invoice ${invoiceId}`);
      const account = await lockAccount(tx.em, found.accountId);
      const invoice = await tx.em.getRepository(Invoice).findOneByOrFail({ id: invoiceId });
      const number = invoiceNumber(invoice.id);
      const openOne = await tx.em.getRepository(Dispute).countBy({ openInvoiceId: invoice.id });
      const refusal = openRefusal(invoice.status, number, openOne > 0);
      if (refusal) throw openOne > 0 ? conflict(refusal) : invalidState(refusal);
      const item = await this.workQueues.createItem(tx, {
        queueKey: BuiltInQueue.DISPUTES,
        kind: DISPUTE_KINDS[0],
        title: `${account.number} ${account.name}: invoice ${number} disputed: ${why}`.slice(0, 255),
        priority: 3,
        accountId: account.id,
        invoiceId: invoice.id,
        accountNumber: account.number,
        actorName: actor.name,
      });
      const dispute = await tx.em.getRepository(Dispute).save(
        Object.assign(new Dispute(), {
          invoiceId: invoice.id,
          accountId: account.id,
          reason: why,
          status: DisputeStatus.OPEN,
          openInvoiceId: invoice.id,
          openedBy: actor.name,
          openedAt: new Date(),
          resolution: null,
          resolvedBy: null,
          resolvedAt: null,
          creditNoteId: null,
          workItemId: item.id,
        }),
      );
      tx.audit({ actor: actor.name, action: 'openDispute', subjectType: 'Invoice', subjectId: invoice.id, after: snapshot(dispute) });
      tx.emit({
        type: EventType.DISPUTE_OPENED,
        subjectId: dispute.id,
        accountNumber: account.number,
        payload: { invoiceId: invoice.id, invoiceNumber: number, reason: why, workItemId: item.id },
      });
      return dispute;
    });
  }

  async resolve(
    actor: Principal,
    id: string,
    outcome: DisputeStatus,
    resolution: string,
    creditNoteId: string | null | undefined,
  ): Promise<Dispute> {
    parseId(id, 'Dispute');
    const text = requireText(resolution, 'resolution', 1000);
    const inputRefusal = resolveInputRefusal(outcome, creditNoteId);
    if (inputRefusal) throw badInput(inputRefusal);
    if (creditNoteId) parseId(creditNoteId, 'Credit note');
    return this.db.transaction(async (tx) => {
      const found = await tx.em.getRepository(Dispute).findOneBy({ id });
      if (!found) throw notFound(`Dispute ${id}`);
      const account = await lockAccount(tx.em, found.accountId);
      const before = await tx.em.getRepository(Dispute).findOneByOrFail({ id });
      if (before.status !== DisputeStatus.OPEN) throw invalidState(`Dispute ${id} is already ${before.status}`);
      const number = invoiceNumber(before.invoiceId);
      if (creditNoteId) await this.settlingNote(tx, creditNoteId, before.invoiceId, number);
      const changes = {
        status: outcome,
        openInvoiceId: null,
        resolution: text,
        resolvedBy: signatureOf(actor),
        resolvedAt: new Date(),
        creditNoteId: creditNoteId ?? null,
      };
      await tx.em.getRepository(Dispute).update({ id }, changes);
      const after = Object.assign(new Dispute(), before, changes);
      if (before.workItemId) {
        await this.workQueues.resolveItemsFor(
          tx,
          { id: before.workItemId },
          `Dispute ${outcome} by ${signatureOf(actor)}: ${text}`.slice(0, 1000),
          actor.name,
        );
      }
      tx.audit({
        actor: actor.name,
        action: 'resolveDispute',
        subjectType: 'Invoice',
        subjectId: before.invoiceId,
        before: snapshot(before),
        after: snapshot(after),
      });
      tx.emit({
        type: EventType.DISPUTE_RESOLVED,
        subjectId: id,
        accountNumber: account.number,
        payload: {
          invoiceId: before.invoiceId,
          invoiceNumber: number,
          outcome: outcome as 'UPHELD' | 'REJECTED',
          resolution: text,
          creditNoteId: creditNoteId ?? null,
        },
      });
      return after;
    });
  }

  private async settlingNote(tx: Tx, creditNoteId: string, invoiceId: string, number: string): Promise<void> {
    const note = await tx.em.getRepository(CreditNote).findOneBy({ id: creditNoteId });
    if (!note) throw notFound(`Credit note ${creditNoteId}`);
    const refusal = creditNoteRefusal(note, invoiceId, number);
    if (refusal) throw badInput(refusal);
    const used = await tx.em.getRepository(Dispute).countBy({ creditNoteId });
    if (used > 0) throw conflict(`Credit note ${creditNoteId} already settles another dispute`);
  }
}

function snapshot(d: Dispute): Record<string, unknown> {
  return { id: d.id, status: d.status, reason: d.reason, resolution: d.resolution, creditNoteId: d.creditNoteId, workItemId: d.workItemId };
}
