import { required } from '../../common/loaders/loaders';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { HubContext } from '../../common/context';
import { Access } from '../../common/auth/roles';
import { connectionDescription, PAGE_AFTER, PAGE_FIRST, rootDescription } from '../../common/descriptions';
import { ConnectionType, type Connection } from '../../common/pagination/connection';
import { DateScalar, MoneyScalar } from '../../common/scalars';
import { EventType, type HubEvent } from '../../events/event-types';
import { Account } from '../accounts/account.entity';
import { accountById } from '../accounts/account.loaders';
import { WorkItem } from '../work-queues/work-queue.entity';
import { workItemById } from '../work-queues/work-queue.loaders';
import {
  BillingException,
  BillingRules,
  BillRun,
  ExceptionSeverity,
  ExceptionStatus,
  Invoice,
  InvoiceLine,
  InvoiceStatus,
} from './billing.entity';
import { BillingRulesInput } from './billing.inputs';
import { billRunById, exceptionById, exceptionsByInvoice, invoiceById, linesByInvoice, receivableByAccount } from './billing.loaders';
import { invoiceNumber } from './invoice-number';

@ObjectType('InvoiceConnection', { description: connectionDescription('invoices') })
export class InvoiceConnection extends ConnectionType(Invoice) {}

@ObjectType('BillingExceptionConnection', { description: connectionDescription('billing exceptions') })
export class BillingExceptionConnection extends ConnectionType(BillingException) {}

@Resolver(() => Invoice)
export class InvoiceResolver {
  @Authorized(...Access.READ)
  @Query(() => InvoiceConnection, { description: rootDescription('Invoices, newest first, filtered by status and account.', Access.READ) })
  invoices(
    @Ctx() ctx: HubContext,
    @Arg('status', () => InvoiceStatus, { nullable: true, description: 'Only invoices with this status.' }) status?: InvoiceStatus | null,
    @Arg('accountId', () => ID, { nullable: true, description: 'Only invoices of this account.' }) accountId?: string | null,
    @Arg('first', () => Int, { nullable: true, description: PAGE_FIRST }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_AFTER }) after?: string | null,
  ): Promise<Connection<Invoice>> {
    return ctx.services.invoices.list({ status, accountId, first, after });
  }

  @Authorized(...Access.READ)
  @Query(() => Invoice, { nullable: true, description: rootDescription('One invoice by id; null when there is none.', Access.READ) })
  invoice(@Arg('id', () => ID, { description: "The invoice's id." }) id: string, @Ctx() ctx: HubContext): Promise<Invoice | null> {
    return ctx.services.invoices.find(id);
  }

  @FieldResolver(() => String, { description: 'The invoice number the customer sees: INV- and at least 8 digits, e.g. INV-00001234.' })
  number(@Root() invoice: Invoice): string {
    return invoiceNumber(invoice.id);
  }

  @FieldResolver(() => Account, { description: 'The account billed.' })
  account(@Root() invoice: Invoice, @Ctx() ctx: HubContext): Promise<Account> {
    return required(ctx.loaders.load(accountById, invoice.accountId), `account of invoice ${invoice.id}`);
  }

  @FieldResolver(() => BillRun, { nullable: true, description: 'The bill run that computed it; null for a fee invoice.' })
  billRun(@Root() invoice: Invoice, @Ctx() ctx: HubContext): Promise<BillRun | null> {
    return invoice.billRunId ? ctx.loaders.load(billRunById, invoice.billRunId) : Promise.resolve(null);
  }

  @FieldResolver(() => [InvoiceLine], { description: 'Its lines, in the order the bill shows them.' })
  lines(@Root() invoice: Invoice, @Ctx() ctx: HubContext): Promise<InvoiceLine[]> {
    return ctx.loaders.load(linesByInvoice, invoice.id);
  }

  @FieldResolver(() => MoneyScalar, {
    description: 'What is left to pay: total less amountPaid and less the part of its credit notes applied to it; 0 once VOID.',
  })
  amountDue(@Root() invoice: Invoice): number {
    return invoice.status === InvoiceStatus.VOID ? 0 : invoice.total - invoice.amountPaid;
  }

  @FieldResolver(() => [BillingException], { description: 'The exceptions raised about it (why it was held), oldest first.' })
  exceptions(@Root() invoice: Invoice, @Ctx() ctx: HubContext): Promise<BillingException[]> {
    return ctx.loaders.load(exceptionsByInvoice, invoice.id);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Invoice, {
    description: rootDescription(
      "HELD to ISSUED; resolves its THRESHOLD exceptions and its review work item. It is issued today, due after the segment's payment terms, and emits INVOICE_RELEASED and INVOICE_ISSUED; unapplied payments are applied to it at once.",
      Access.OPERATE,
      'NOT_FOUND when there is no such invoice; INVALID_STATE when it is not HELD.',
    ),
  })
  releaseInvoice(
    @Arg('id', () => ID, { description: 'The held invoice.' }) id: string,
    @Ctx() ctx: HubContext,
    @Arg('note', () => String, {
      nullable: true,
      description: 'Why it may go out, kept as the resolution of its exceptions and work item (at most 2000 characters).',
    })
    note?: string | null,
  ): Promise<Invoice> {
    return ctx.services.invoices.release(ctx.actor(), id, note);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Invoice, {
    description: rootDescription(
      'HELD, unpaid ISSUED, or of 0.00 (PAID by nothing: credits took all of it) to VOID; its usage becomes billable again, or with cancelReads its reads are cancelled so they are not billed again. Resolves its exceptions and work items and emits INVOICE_VOIDED.',
      Access.OPERATE,
      'NOT_FOUND when there is no such invoice; INVALID_STATE when it is PAID (and not 0.00), VOID, or has payments applied (reverse them first).',
    ),
  })
  voidInvoice(
    @Arg('id', () => ID, { description: 'The invoice to void.' }) id: string,
    @Arg('reason', { description: 'Why, kept on the invoice, in the audit log and the INVOICE_VOIDED event (at most 2000 characters).' })
    reason: string,
    @Ctx() ctx: HubContext,
    @Arg('cancelReads', () => Boolean, {
      nullable: true,
      description: 'Cancel its reads (a bad read is not billed again) rather than return them to unbilled; default false.',
    })
    cancelReads?: boolean | null,
  ): Promise<Invoice> {
    return ctx.services.invoices.void(ctx.actor(), id, reason, cancelReads ?? false);
  }
}

@Resolver(() => BillingException)
export class BillingExceptionResolver {
  @Authorized(...Access.READ)
  @Query(() => BillingExceptionConnection, {
    description: rootDescription('Billing exceptions, newest first, filtered by status and severity.', Access.READ),
  })
  billingExceptions(
    @Ctx() ctx: HubContext,
    @Arg('status', () => ExceptionStatus, { nullable: true, description: 'Only exceptions with this status.' })
    status?: ExceptionStatus | null,
    @Arg('severity', () => ExceptionSeverity, { nullable: true, description: 'Only exceptions of this severity.' })
    severity?: ExceptionSeverity | null,
    @Arg('first', () => Int, { nullable: true, description: PAGE_FIRST }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_AFTER }) after?: string | null,
  ): Promise<Connection<BillingException>> {
    return ctx.services.billingExceptions.list({ status, severity, first, after });
  }

  @FieldResolver(() => Account, { description: 'The account concerned.' })
  account(@Root() x: BillingException, @Ctx() ctx: HubContext): Promise<Account> {
    return required(ctx.loaders.load(accountById, x.accountId), `account of exception ${x.id}`);
  }

  @FieldResolver(() => Invoice, {
    nullable: true,
    description: 'The held invoice (THRESHOLD); null when the invoice was blocked (CRITICAL).',
  })
  invoice(@Root() x: BillingException, @Ctx() ctx: HubContext): Promise<Invoice | null> {
    return x.invoiceId ? ctx.loaders.load(invoiceById, x.invoiceId) : Promise.resolve(null);
  }

  @FieldResolver(() => BillRun, { nullable: true, description: 'The bill run that raised it.' })
  billRun(@Root() x: BillingException, @Ctx() ctx: HubContext): Promise<BillRun | null> {
    return x.billRunId ? ctx.loaders.load(billRunById, x.billRunId) : Promise.resolve(null);
  }

  @FieldResolver(() => WorkItem, { nullable: true, description: 'The work item raised with it, in INVOICING or INVOICE_REVIEW.' })
  workItem(@Root() x: BillingException, @Ctx() ctx: HubContext): Promise<WorkItem | null> {
    return x.workItemId ? ctx.loaders.load(workItemById, x.workItemId) : Promise.resolve(null);
  }

  @Authorized(...Access.READ)
  @Subscription(() => BillingException, {
    subscribe: async ({ context }) => {
      const ctx = context as HubContext;
      return ctx.services.events.subscribe({ types: [EventType.EXCEPTION_RAISED] });
    },
    description: rootDescription('Every billing exception as it is raised (EXCEPTION_RAISED).', Access.READ),
  })
  exceptionRaised(@Root() event: HubEvent, @Ctx() ctx: HubContext): Promise<BillingException> {
    return required(ctx.loaders.load(exceptionById, event.subjectId), `Billing exception ${event.subjectId}`);
  }
}

@Resolver(() => BillRun)
export class BillRunResolver {
  @Authorized(...Access.READ)
  @Query(() => BillRun, {
    nullable: true,
    description: rootDescription('One bill run by id, with its counters so far; null when there is none.', Access.READ),
  })
  billRun(@Arg('id', () => ID, { description: "The run's id." }) id: string, @Ctx() ctx: HubContext): Promise<BillRun | null> {
    return ctx.services.billRuns.find(id);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => BillRun, {
    description: rootDescription(
      "Bills every ACTIVE account's unbilled usage with periodEnd <= asOf. Running it again for the same data creates no duplicate invoice.\nWith wait (the default) the answer comes when the run has finished; with wait: false it comes at once, RUNNING, and billRunProgress follows it.\nOne account's failure never stops the run: it is counted in accountsFailed and retried by the next run.",
      Access.OPERATE,
      'CONFLICT when a bill run is still RUNNING: one runs at a time, and the message names it (id, asOf, who started it and when).',
    ),
  })
  runBilling(
    @Arg('asOf', () => DateScalar, { description: 'The day to bill up to: reads with periodEnd <= asOf; the issue date of the invoices.' })
    asOf: string,
    @Ctx() ctx: HubContext,
    @Arg('wait', () => Boolean, {
      nullable: true,
      defaultValue: true,
      description: 'True (the default): answer when the run has finished; false: answer at once, RUNNING.',
    })
    wait?: boolean | null,
  ): Promise<BillRun> {
    return ctx.services.billRuns.start(ctx.actor(), asOf, wait !== false);
  }

  @Authorized(...Access.READ)
  @Subscription(() => BillRun, {
    description: rootDescription(
      "The run's counters as it progresses, at least once per finished chunk of accounts, and a last time when it ends.",
      Access.READ,
      'NOT_FOUND when there is no such run.',
    ),
    subscribe: ({ args, context }) => (context as HubContext).services.billRuns.progress(String((args as { id: string }).id)),
  })
  billRunProgress(@Root() run: BillRun, @Arg('id', () => ID, { description: 'The run to follow.' }) _id: string): BillRun {
    return run;
  }
}

@Resolver(() => BillingRules)
export class BillingRulesResolver {
  @Authorized(...Access.READ)
  @Query(() => [BillingRules], {
    description: rootDescription("The default rules first (segment null), then each segment's, alphabetically.", Access.READ),
  })
  billingRules(@Ctx() ctx: HubContext): Promise<BillingRules[]> {
    return ctx.services.billingRules.list();
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => BillingRules, {
    description: rootDescription(
      "Sets a segment's billing rules, or the default rules; later runs use them.",
      Access.OPERATE,
      'BAD_USER_INPUT for a value out of range.',
    ),
  })
  setBillingRules(
    @Arg('input', () => BillingRulesInput, { description: 'The rules and the segment they are for.' }) input: BillingRulesInput,
    @Ctx() ctx: HubContext,
  ): Promise<BillingRules> {
    return ctx.services.billingRules.set(ctx.actor(), input);
  }
}

/** What an account owes, computed from its invoices. */
@Resolver(() => Account)
export class AccountReceivablesResolver {
  @FieldResolver(() => MoneyScalar, { description: 'Sum of amountDue over open invoices whose dueDate is before today.' })
  async pastDue(@Root() account: Account, @Ctx() ctx: HubContext): Promise<number> {
    return (await ctx.loaders.load(receivableByAccount, account.id)).pastDue;
  }

  @FieldResolver(() => Int, { description: 'Days since the dueDate of the oldest past-due open invoice; 0 when nothing is past due.' })
  async daysPastDue(@Root() account: Account, @Ctx() ctx: HubContext): Promise<number> {
    return ctx.services.invoices.daysPastDue(await ctx.loaders.load(receivableByAccount, account.id));
  }

  @FieldResolver(() => InvoiceConnection, { description: 'Its invoices, newest first.' })
  invoices(
    @Root() account: Account,
    @Ctx() ctx: HubContext,
    @Arg('status', () => InvoiceStatus, { nullable: true, description: 'Only invoices with this status.' }) status?: InvoiceStatus | null,
    @Arg('first', () => Int, { nullable: true, description: PAGE_FIRST }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_AFTER }) after?: string | null,
  ): Promise<Connection<Invoice>> {
    return ctx.services.invoices.list({ status, accountId: account.id, first, after });
  }
}

/** A work item's account, invoice and exception. */
@Resolver(() => WorkItem)
export class WorkItemLinksResolver {
  @FieldResolver(() => Account, { nullable: true, description: 'The account the work is about; null when none.' })
  account(@Root() item: WorkItem, @Ctx() ctx: HubContext): Promise<Account | null> {
    return item.accountId ? ctx.loaders.load(accountById, item.accountId) : Promise.resolve(null);
  }

  @FieldResolver(() => Invoice, { nullable: true, description: 'The invoice the work is about; null when none.' })
  invoice(@Root() item: WorkItem, @Ctx() ctx: HubContext): Promise<Invoice | null> {
    return item.invoiceId ? ctx.loaders.load(invoiceById, item.invoiceId) : Promise.resolve(null);
  }

  @FieldResolver(() => BillingException, { nullable: true, description: 'The billing exception that raised it; null when none.' })
  exception(@Root() item: WorkItem, @Ctx() ctx: HubContext): Promise<BillingException | null> {
    return item.exceptionId ? ctx.loaders.load(exceptionById, item.exceptionId) : Promise.resolve(null);
  }
}
