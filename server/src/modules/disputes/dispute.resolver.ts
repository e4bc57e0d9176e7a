import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../common/context';
import { Access } from '../../common/auth/roles';
import { PAGE_FIRST, rootDescription } from '../../common/descriptions';
import { required } from '../../common/loaders/loaders';
import { Invoice } from '../billing/billing.entity';
import { invoiceById } from '../billing/billing.loaders';
import { CreditNote } from '../credits/credit-note.entity';
import { creditNotesByInvoice } from '../credits/credit.loaders';
import { WorkItem } from '../work-queues/work-queue.entity';
import { workItemById } from '../work-queues/work-queue.loaders';
import { Dispute, DisputeStatus } from './dispute.entity';
import { disputeByInvoice } from './dispute.loaders';

/** Disputes of invoices: open, resolve, list. */
@Resolver(() => Dispute)
export class DisputeResolver {
  @Authorized(...Access.READ)
  @Query(() => [Dispute], {
    description: rootDescription(
      'Disputes, newest first; with status, only those in it.',
      Access.READ,
      'BAD_USER_INPUT when first is less than 1 or after is not a dispute id.',
    ),
  })
  disputes(
    @Arg('status', () => DisputeStatus, { nullable: true, description: 'Only disputes in this status.' }) status: DisputeStatus | null,
    @Arg('first', () => Int, { nullable: true, description: PAGE_FIRST }) first: number | null,
    @Arg('after', () => String, {
      nullable: true,
      description: 'The id of the last dispute of the previous page, to read the page after it; leave it out for the first page.',
    })
    after: string | null,
    @Ctx() ctx: HubContext,
  ): Promise<Dispute[]> {
    return ctx.services.disputes.list(status, first, after);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Dispute, {
    description: rootDescription(
      "Disputes an ISSUED invoice: while the dispute is OPEN the invoice's amountDue is left out of pastDue and daysPastDue for collections (it stays in the balance), and a work item waits in queue DISPUTES.",
      Access.OPERATE,
      'BAD_USER_INPUT when the reason is empty or over 500 characters; NOT_FOUND when there is no such invoice; INVALID_STATE when the invoice is HELD, VOID or PAID; CONFLICT when it already has an OPEN dispute.',
    ),
  })
  openDispute(
    @Arg('invoiceId', () => ID, { description: 'The invoice disputed.' }) invoiceId: string,
    @Arg('reason', { description: 'What the customer disputes, at most 500 characters.' }) reason: string,
    @Ctx() ctx: HubContext,
  ): Promise<Dispute> {
    return ctx.services.disputes.open(ctx.actor(), invoiceId, reason);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Dispute, {
    description: rootDescription(
      'UPHELD needs the credit note that settles it; REJECTED puts the invoice back into collections.',
      Access.OPERATE,
      'BAD_USER_INPUT when outcome is OPEN, UPHELD comes without creditNoteId (or REJECTED with one), the credit note is not on the disputed invoice, or the resolution is empty or over 1000 characters; NOT_FOUND when there is no such dispute or credit note; INVALID_STATE when the dispute is no longer OPEN; CONFLICT when the credit note already settles another dispute.',
    ),
  })
  resolveDispute(
    @Arg('id', () => ID, { description: 'The dispute.' }) id: string,
    @Arg('outcome', () => DisputeStatus, { description: 'UPHELD or REJECTED.' }) outcome: DisputeStatus,
    @Arg('resolution', { description: 'How it was resolved, at most 1000 characters.' }) resolution: string,
    @Arg('creditNoteId', () => ID, { nullable: true, description: 'With UPHELD: the credit note on the invoice that settles it.' })
    creditNoteId: string | null,
    @Ctx() ctx: HubContext,
  ): Promise<Dispute> {
    return ctx.services.disputes.resolve(ctx.actor(), id, outcome, resolution, creditNoteId);
  }

  @FieldResolver(() => Invoice, { description: 'The invoice disputed.' })
  invoice(@Root() d: Dispute, @Ctx() ctx: HubContext): Promise<Invoice> {
    return required(ctx.loaders.load(invoiceById, d.invoiceId), `invoice of dispute ${d.id}`);
  }

  @FieldResolver(() => CreditNote, { nullable: true, description: 'The credit note that settled it (UPHELD); null otherwise.' })
  async creditNote(@Root() d: Dispute, @Ctx() ctx: HubContext): Promise<CreditNote | null> {
    if (!d.creditNoteId) return null;
    const notes = await ctx.loaders.load(creditNotesByInvoice, d.invoiceId);
    return notes.find((n) => n.id === d.creditNoteId) ?? null;
  }

  @FieldResolver(() => WorkItem, { nullable: true, description: 'Its work item in queue DISPUTES.' })
  workItem(@Root() d: Dispute, @Ctx() ctx: HubContext): Promise<WorkItem | null> {
    return d.workItemId ? ctx.loaders.load(workItemById, d.workItemId) : Promise.resolve(null);
  }
}

@Resolver(() => Invoice)
export class InvoiceDisputeResolver {
  @FieldResolver(() => Dispute, { nullable: true, description: 'Its latest dispute (OPEN or resolved); null when it was never disputed.' })
  dispute(@Root() invoice: Invoice, @Ctx() ctx: HubContext): Promise<Dispute | null> {
    return ctx.loaders.load(disputeByInvoice, invoice.id);
  }
}
