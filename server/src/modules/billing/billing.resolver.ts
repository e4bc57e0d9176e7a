import { required } from '../../common/loaders/loaders';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { HubContext } from '../../app/context';
import { Access } from '../../common/auth/roles';
import { ConnectionType, type Connection } from '../../common/pagination/connection';
import { DateScalar, MoneyScalar } from '../../common/scalars';
import { EventType } from '../../events/event-types';
import { mapStream } from '../../events/stream';
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

@ObjectType('InvoiceConnection')
export class InvoiceConnection extends ConnectionType(Invoice) {}

@ObjectType('BillingExceptionConnection')
export class BillingExceptionConnection extends ConnectionType(BillingException) {}

@Resolver(() => Invoice)
export class InvoiceResolver {
  @Authorized(...Access.READ)
  @Query(() => InvoiceConnection)
  invoices(
    @Ctx() ctx: HubContext,
    @Arg('status', () => InvoiceStatus, { nullable: true }) status?: InvoiceStatus | null,
    @Arg('accountId', () => ID, { nullable: true }) accountId?: string | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<Connection<Invoice>> {
    return ctx.services.invoices.list({ status, accountId, first, after });
  }

  @Authorized(...Access.READ)
  @Query(() => Invoice, { nullable: true })
  invoice(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext): Promise<Invoice | null> {
    return ctx.services.invoices.find(id);
  }

  @FieldResolver(() => String)
  number(@Root() invoice: Invoice): string {
    return invoiceNumber(invoice.id);
  }

  @FieldResolver(() => Account)
  account(@Root() invoice: Invoice, @Ctx() ctx: HubContext): Promise<Account> {
    return required(ctx.loaders.load(accountById, invoice.accountId), `account of invoice ${invoice.id}`);
  }

  @FieldResolver(() => BillRun, { nullable: true })
  billRun(@Root() invoice: Invoice, @Ctx() ctx: HubContext): Promise<BillRun | null> {
    return invoice.billRunId ? ctx.loaders.load(billRunById, invoice.billRunId) : Promise.resolve(null);
  }

  @FieldResolver(() => [InvoiceLine])
  lines(@Root() invoice: Invoice, @Ctx() ctx: HubContext): Promise<InvoiceLine[]> {
    return ctx.loaders.load(linesByInvoice, invoice.id);
  }

  @FieldResolver(() => MoneyScalar)
  amountDue(@Root() invoice: Invoice): number {
    return invoice.status === InvoiceStatus.VOID ? 0 : invoice.total - invoice.amountPaid;
  }

  @FieldResolver(() => [BillingException])
  exceptions(@Root() invoice: Invoice, @Ctx() ctx: HubContext): Promise<BillingException[]> {
    return ctx.loaders.load(exceptionsByInvoice, invoice.id);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Invoice, { description: 'HELD to ISSUED; resolves its THRESHOLD exceptions and its review work item.' })
  releaseInvoice(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: HubContext,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<Invoice> {
    return ctx.services.invoices.release(ctx.actor(), id, note);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Invoice, { description: 'HELD or unpaid ISSUED to VOID; its usage becomes billable again.' })
  voidInvoice(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: HubContext): Promise<Invoice> {
    return ctx.services.invoices.void(ctx.actor(), id, reason);
  }
}

@Resolver(() => BillingException)
export class BillingExceptionResolver {
  @Authorized(...Access.READ)
  @Query(() => BillingExceptionConnection)
  billingExceptions(
    @Ctx() ctx: HubContext,
    @Arg('status', () => ExceptionStatus, { nullable: true }) status?: ExceptionStatus | null,
    @Arg('severity', () => ExceptionSeverity, { nullable: true }) severity?: ExceptionSeverity | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<Connection<BillingException>> {
    return ctx.services.billingExceptions.list({ status, severity, first, after });
  }

  @FieldResolver(() => Account)
  account(@Root() x: BillingException, @Ctx() ctx: HubContext): Promise<Account> {
    return required(ctx.loaders.load(accountById, x.accountId), `account of exception ${x.id}`);
  }

  @FieldResolver(() => Invoice, { nullable: true })
  invoice(@Root() x: BillingException, @Ctx() ctx: HubContext): Promise<Invoice | null> {
    return x.invoiceId ? ctx.loaders.load(invoiceById, x.invoiceId) : Promise.resolve(null);
  }

  @FieldResolver(() => BillRun, { nullable: true })
  billRun(@Root() x: BillingException, @Ctx() ctx: HubContext): Promise<BillRun | null> {
    return x.billRunId ? ctx.loaders.load(billRunById, x.billRunId) : Promise.resolve(null);
  }

  @FieldResolver(() => WorkItem, { nullable: true })
  workItem(@Root() x: BillingException, @Ctx() ctx: HubContext): Promise<WorkItem | null> {
    return x.workItemId ? ctx.loaders.load(workItemById, x.workItemId) : Promise.resolve(null);
  }

  @Authorized(...Access.READ)
  @Subscription(() => BillingException, {
    subscribe: async ({ context }) => {
      const ctx = context as HubContext;
      const events = await ctx.services.events.subscribe({ types: [EventType.EXCEPTION_RAISED] });
      return mapStream(events, (event) => ctx.services.billingExceptions.find(event.subjectId));
    },
  })
  exceptionRaised(@Root() exception: BillingException): BillingException {
    return exception;
  }
}

@Resolver(() => BillRun)
export class BillRunResolver {
  @Authorized(...Access.READ)
  @Query(() => BillRun, { nullable: true })
  billRun(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext): Promise<BillRun | null> {
    return ctx.services.billRuns.find(id);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => BillRun, {
    description:
      "Bills every ACTIVE account's unbilled usage with periodEnd <= asOf. Running it again for the same data creates no duplicate invoice.\nWith wait (the default) the answer comes when the run has finished; with wait: false it comes at once, RUNNING, and billRunProgress follows it.",
  })
  runBilling(
    @Arg('asOf', () => DateScalar) asOf: string,
    @Ctx() ctx: HubContext,
    @Arg('wait', () => Boolean, { nullable: true, defaultValue: true }) wait?: boolean | null,
  ): Promise<BillRun> {
    return ctx.services.billRuns.start(ctx.actor(), asOf, wait !== false);
  }

  @Authorized(...Access.READ)
  @Subscription(() => BillRun, {
    description: "The run's counters as it progresses, at least once per finished chunk of accounts, and a last time when it ends.",
    subscribe: ({ args, context }) => (context as HubContext).services.billRuns.progress(String((args as { id: string }).id)),
  })
  billRunProgress(@Root() run: BillRun, @Arg('id', () => ID) _id: string): BillRun {
    return run;
  }
}

@Resolver(() => BillingRules)
export class BillingRulesResolver {
  @Authorized(...Access.READ)
  @Query(() => [BillingRules])
  billingRules(@Ctx() ctx: HubContext): Promise<BillingRules[]> {
    return ctx.services.billingRules.list();
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => BillingRules)
  setBillingRules(@Arg('input', () => BillingRulesInput) input: BillingRulesInput, @Ctx() ctx: HubContext): Promise<BillingRules> {
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

  @FieldResolver(() => InvoiceConnection)
  invoices(
    @Root() account: Account,
    @Ctx() ctx: HubContext,
    @Arg('status', () => InvoiceStatus, { nullable: true }) status?: InvoiceStatus | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<Connection<Invoice>> {
    return ctx.services.invoices.list({ status, accountId: account.id, first, after });
  }
}

/** A work item's account, invoice and exception. */
@Resolver(() => WorkItem)
export class WorkItemLinksResolver {
  @FieldResolver(() => Account, { nullable: true })
  account(@Root() item: WorkItem, @Ctx() ctx: HubContext): Promise<Account | null> {
    return item.accountId ? ctx.loaders.load(accountById, item.accountId) : Promise.resolve(null);
  }

  @FieldResolver(() => Invoice, { nullable: true })
  invoice(@Root() item: WorkItem, @Ctx() ctx: HubContext): Promise<Invoice | null> {
    return item.invoiceId ? ctx.loaders.load(invoiceById, item.invoiceId) : Promise.resolve(null);
  }

  @FieldResolver(() => BillingException, { nullable: true })
  exception(@Root() item: WorkItem, @Ctx() ctx: HubContext): Promise<BillingException | null> {
    return item.exceptionId ? ctx.loaders.load(exceptionById, item.exceptionId) : Promise.resolve(null);
  }
}
