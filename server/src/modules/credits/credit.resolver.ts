import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../common/context';
import { Access } from '../../common/auth/roles';
import { connectionDescription, PAGE_AFTER, PAGE_FIRST, rootDescription } from '../../common/descriptions';
import { required } from '../../common/loaders/loaders';
import { ConnectionType, type Connection } from '../../common/pagination/connection';
import { MoneyScalar } from '../../common/scalars';
import { Account } from '../accounts/account.entity';
import { accountById } from '../accounts/account.loaders';
import { Invoice, InvoiceLine } from '../billing/billing.entity';
import { invoiceById } from '../billing/billing.loaders';
import { PendingCharge } from '../billing/pending-charge.entity';
import { unappliedByAccount } from '../payments/payment.loaders';
import { Refund } from '../payments/refund.entity';
import { RecordRefundInput } from '../payments/refund.inputs';
import { CreditNote, CreditNoteLine } from './credit-note.entity';
import { creditNoteNumber } from './credit-note-number';
import { AddChargeInput, CreditInvoiceInput } from './credit.inputs';
import {
  creditNotesByInvoice,
  invoiceLineById,
  linesByCreditNote,
  ownCreditAppliedByInvoice,
  pendingChargesByAccount,
} from './credit.loaders';

@ObjectType('CreditNoteConnection', { description: connectionDescription('credit notes') })
export class CreditNoteConnection extends ConnectionType(CreditNote) {}

@Resolver(() => CreditNote)
export class CreditNoteResolver {
  @Authorized(...Access.READ)
  @Query(() => CreditNote, { nullable: true, description: rootDescription('One credit note by id; null when there is none.', Access.READ) })
  creditNote(
    @Arg('id', () => ID, { description: "The credit note's id." }) id: string,
    @Ctx() ctx: HubContext,
  ): Promise<CreditNote | null> {
    return ctx.services.creditNotes.find(id);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => CreditNote, {
    description: rootDescription(
      "Full or by line. Fails with BAD_USER_INPUT past what the invoice has left to credit. The note's amount goes to the invoice's amountDue while it is open (an invoice at 0 becomes PAID); the rest is unapplied credit on the account, applied to its other open invoices oldest due first and to each new invoice. Emits CREDIT_NOTE_ISSUED.",
      Access.OPERATE,
      'NOT_FOUND when there is no such invoice; INVALID_STATE when it is HELD or VOID; BAD_USER_INPUT for an item past what its line has left, a credit past what the invoice has left (the message says how much), or rebill with items.',
    ),
  })
  creditInvoice(
    @Arg('input', () => CreditInvoiceInput, { description: 'The invoice, why, and what to credit.' }) input: CreditInvoiceInput,
    @Ctx() ctx: HubContext,
  ): Promise<CreditNote> {
    return ctx.services.creditNotes.creditInvoice(ctx.actor(), input);
  }

  @FieldResolver(() => String, { description: 'CN- and 8 digits.' })
  number(@Root() note: CreditNote): string {
    return creditNoteNumber(note.id);
  }

  @FieldResolver(() => Account, { description: 'The account credited.' })
  account(@Root() note: CreditNote, @Ctx() ctx: HubContext): Promise<Account> {
    return required(ctx.loaders.load(accountById, note.accountId), `account of credit note ${note.id}`);
  }

  @FieldResolver(() => Invoice, { description: 'The invoice it credits.' })
  invoice(@Root() note: CreditNote, @Ctx() ctx: HubContext): Promise<Invoice> {
    return required(ctx.loaders.load(invoiceById, note.invoiceId), `invoice of credit note ${note.id}`);
  }

  @FieldResolver(() => [CreditNoteLine], { description: 'What it credits, line by line.' })
  lines(@Root() note: CreditNote, @Ctx() ctx: HubContext): Promise<CreditNoteLine[]> {
    return ctx.loaders.load(linesByCreditNote, note.id);
  }
}

@Resolver(() => CreditNoteLine)
export class CreditNoteLineResolver {
  @FieldResolver(() => InvoiceLine, {
    nullable: true,
    description: 'The invoice line credited; null for a line that credits no single one.',
  })
  invoiceLine(@Root() line: CreditNoteLine, @Ctx() ctx: HubContext): Promise<InvoiceLine | null> {
    return line.invoiceLineId ? ctx.loaders.load(invoiceLineById, line.invoiceLineId) : Promise.resolve(null);
  }
}

/** What credit notes change on an invoice. */
@Resolver(() => Invoice)
export class InvoiceCreditsResolver {
  @FieldResolver(() => MoneyScalar, {
    description: "What payments and unapplied credit have paid of it; its own credit notes' part is in amountCredited, not here.",
  })
  async amountPaid(@Root() invoice: Invoice, @Ctx() ctx: HubContext): Promise<number> {
    if (invoice.amountCredited === 0) return invoice.amountPaid;
    return invoice.amountPaid - (await ctx.loaders.load(ownCreditAppliedByInvoice, invoice.id));
  }

  @FieldResolver(() => [CreditNote], { description: 'The credit notes on it, oldest first.' })
  creditNotes(@Root() invoice: Invoice, @Ctx() ctx: HubContext): Promise<CreditNote[]> {
    return ctx.loaders.load(creditNotesByInvoice, invoice.id);
  }
}

/** An account's credits: unapplied credit, its credit notes and its pending charges. */
@Resolver(() => Account)
export class AccountCreditsResolver {
  @FieldResolver(() => MoneyScalar, { description: 'Payments and credits not yet applied to an invoice.' })
  unappliedCredit(@Root() account: Account, @Ctx() ctx: HubContext): Promise<number> {
    return ctx.loaders.load(unappliedByAccount, account.id);
  }

  @FieldResolver(() => [PendingCharge], { description: 'One-off charges and credits waiting for the next regular invoice.' })
  pendingCharges(@Root() account: Account, @Ctx() ctx: HubContext): Promise<PendingCharge[]> {
    return ctx.loaders.load(pendingChargesByAccount, account.id);
  }

  @FieldResolver(() => CreditNoteConnection, { description: 'Its credit notes, newest first.' })
  creditNotes(
    @Root() account: Account,
    @Ctx() ctx: HubContext,
    @Arg('first', () => Int, { nullable: true, description: PAGE_FIRST }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_AFTER }) after?: string | null,
  ): Promise<Connection<CreditNote>> {
    return ctx.services.creditNotes.listForAccount(account.id, { first, after });
  }
}

@Resolver(() => PendingCharge)
export class PendingChargeResolver {
  @FieldResolver(() => Invoice, { nullable: true, description: 'The invoice that billed it; null while pending.' })
  invoice(@Root() charge: PendingCharge, @Ctx() ctx: HubContext): Promise<Invoice | null> {
    return charge.invoiceId ? ctx.loaders.load(invoiceById, charge.invoiceId) : Promise.resolve(null);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => PendingCharge, {
    description: rootDescription(
      "On the account's next regular invoice, as a CHARGE line; a pending charge alone makes the account billable in the next bill run.",
      Access.OPERATE,
      'NOT_FOUND when there is no such account; BAD_USER_INPUT for an amount of 0 or over the maximum, or an empty description.',
    ),
  })
  addCharge(
    @Arg('input', () => AddChargeInput, { description: 'The account, the amount and what it is for.' }) input: AddChargeInput,
    @Ctx() ctx: HubContext,
  ): Promise<PendingCharge> {
    return ctx.services.charges.add(ctx.actor(), input);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Boolean, {
    description: rootDescription(
      'Removes a charge or credit added with addCharge that no invoice billed yet.',
      Access.OPERATE,
      'NOT_FOUND when there is no such pending charge; INVALID_STATE when an invoice billed it or it is a sign-up credit carried forward.',
    ),
  })
  removePendingCharge(@Arg('id', () => ID, { description: 'The pending charge.' }) id: string, @Ctx() ctx: HubContext): Promise<boolean> {
    return ctx.services.charges.remove(ctx.actor(), id);
  }
}

@Resolver(() => Refund)
export class RefundResolver {
  @FieldResolver(() => Account, { description: 'The account refunded.' })
  account(@Root() refund: Refund, @Ctx() ctx: HubContext): Promise<Account> {
    return required(ctx.loaders.load(accountById, refund.accountId), `account of refund ${refund.id}`);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Refund, {
    description: rootDescription(
      'Pays unapplied credit back; idempotent by key as recordPayment is. Emits REFUND_RECORDED.',
      Access.OPERATE,
      "IDEMPOTENCY_CONFLICT when the key was used with a different input; NOT_FOUND when there is no such account; BAD_USER_INPUT when the amount is not more than 0 or more than the account's unapplied credit.",
    ),
  })
  recordRefund(
    @Arg('input', () => RecordRefundInput, { description: 'The refund and its idempotency key.' }) input: RecordRefundInput,
    @Ctx() ctx: HubContext,
  ): Promise<Refund> {
    return ctx.services.refunds.record(ctx.actor(), input);
  }
}
