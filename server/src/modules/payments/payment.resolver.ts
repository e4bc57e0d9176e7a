import { required } from '../../common/loaders/loaders';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { HubContext } from '../../common/context';
import { Access } from '../../common/auth/roles';
import { connectionDescription, PAGE_AFTER, PAGE_FIRST, rootDescription } from '../../common/descriptions';
import { ConnectionType, type Connection } from '../../common/pagination/connection';
import { MoneyScalar } from '../../common/scalars';
import { EventType, type HubEvent } from '../../events/event-types';
import { Account } from '../accounts/account.entity';
import { accountById } from '../accounts/account.loaders';
import { Invoice } from '../billing/billing.entity';
import { invoiceById, receivableByAccount } from '../billing/billing.loaders';
import { Installment, Payment, PaymentAllocation, PaymentPlan } from './payment.entity';
import { CreatePaymentPlanInput, RecordPaymentInput } from './payment.inputs';
import { allocationsByPayment, installmentsByPlan, latestPlanByAccount, unappliedByAccount } from './payment.loaders';

@ObjectType('PaymentConnection', { description: connectionDescription('payments') })
export class PaymentConnection extends ConnectionType(Payment) {}

@Resolver(() => Payment)
export class PaymentResolver {
  @Authorized(...Access.READ)
  @Query(() => Payment, { nullable: true, description: rootDescription('One payment by id; null when there is none.', Access.READ) })
  payment(@Arg('id', () => ID, { description: "The payment's id." }) id: string, @Ctx() ctx: HubContext): Promise<Payment | null> {
    return ctx.services.payments.find(id);
  }

  @FieldResolver(() => Account, { description: 'The account that paid.' })
  account(@Root() payment: Payment, @Ctx() ctx: HubContext): Promise<Account> {
    return required(ctx.loaders.load(accountById, payment.accountId), `account of payment ${payment.id}`);
  }

  @FieldResolver(() => [PaymentAllocation], { description: 'The invoices it paid and how much of each, in the order applied.' })
  allocations(@Root() payment: Payment, @Ctx() ctx: HubContext): Promise<PaymentAllocation[]> {
    return ctx.loaders.load(allocationsByPayment, payment.id);
  }

  @Authorized(...Access.INGEST)
  @Mutation(() => Payment, {
    description: rootDescription(
      "Records a payment and applies it to the account's ISSUED invoices, oldest dueDate first; an invoice whose amountDue reaches 0 becomes PAID, what is left stays unapplied. Emits PAYMENT_RECEIVED. Concurrent payments to one account never over-apply an invoice.",
      Access.INGEST,
      'IDEMPOTENCY_CONFLICT when the idempotency key was used with a different input; NOT_FOUND when there is no such account; BAD_USER_INPUT when the amount is not more than 0 or over the maximum.',
    ),
  })
  recordPayment(
    @Arg('input', () => RecordPaymentInput, { description: 'The payment received and its idempotency key.' }) input: RecordPaymentInput,
    @Ctx() ctx: HubContext,
  ): Promise<Payment> {
    return ctx.services.payments.record(ctx.actor(), input);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Payment, {
    description: rootDescription(
      'Reverses a payment (a returned check, a chargeback): removes its allocations, reopens its invoices and emits PAYMENT_REVERSED. It can run once.',
      Access.OPERATE,
      'NOT_FOUND when there is no such payment; INVALID_STATE when it is already reversed.',
    ),
  })
  reversePayment(
    @Arg('id', () => ID, { description: 'The payment to reverse.' }) id: string,
    @Arg('reason', { description: 'Why, kept in the audit log and the event.' }) reason: string,
    @Ctx() ctx: HubContext,
  ): Promise<Payment> {
    return ctx.services.payments.reverse(ctx.actor(), id, reason);
  }

  @Authorized(...Access.READ)
  @Subscription(() => Payment, {
    subscribe: async ({ context }) => {
      const ctx = context as HubContext;
      return ctx.services.events.subscribe({ types: [EventType.PAYMENT_RECEIVED] });
    },
    description: rootDescription('Every payment as it is recorded (PAYMENT_RECEIVED).', Access.READ),
  })
  async paymentReceived(@Root() event: HubEvent, @Ctx() ctx: HubContext): Promise<Payment> {
    const payment = await ctx.services.payments.find(event.subjectId);
    if (!payment) throw new Error(`Payment ${event.subjectId} of event ${event.id} is missing`);
    return payment;
  }
}

@Resolver(() => PaymentAllocation)
export class PaymentAllocationResolver {
  @FieldResolver(() => Invoice, { description: 'The invoice paid.' })
  invoice(@Root() allocation: PaymentAllocation, @Ctx() ctx: HubContext): Promise<Invoice> {
    return required(ctx.loaders.load(invoiceById, allocation.invoiceId), `invoice of allocation ${allocation.id}`);
  }
}

@Resolver(() => PaymentPlan)
export class PaymentPlanResolver {
  @FieldResolver(() => Account, { description: 'The account the plan is for.' })
  account(@Root() plan: PaymentPlan, @Ctx() ctx: HubContext): Promise<Account> {
    return required(ctx.loaders.load(accountById, plan.accountId), `account of plan ${plan.id}`);
  }

  @FieldResolver(() => [Installment], { description: 'Its installments, in order of due date.' })
  installments(@Root() plan: PaymentPlan, @Ctx() ctx: HubContext): Promise<Installment[]> {
    return ctx.loaders.load(installmentsByPlan, plan.id);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => PaymentPlan, {
    description: rootDescription(
      "Spreads the account's current pastDue over installments, intervalDays apart; emits PAYMENT_PLAN_CREATED.",
      Access.OPERATE,
      'NOT_FOUND when there is no such account; INVALID_STATE when it already has an ACTIVE plan or nothing is past due; BAD_USER_INPUT for installments or intervalDays out of range.',
    ),
  })
  createPaymentPlan(
    @Arg('input', () => CreatePaymentPlanInput, { description: 'The account and how to spread its past-due amount.' })
    input: CreatePaymentPlanInput,
    @Ctx() ctx: HubContext,
  ): Promise<PaymentPlan> {
    return ctx.services.paymentPlans.create(ctx.actor(), input);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => PaymentPlan, {
    description: rootDescription(
      'Cancels an ACTIVE plan; collections resume on the account.',
      Access.OPERATE,
      'NOT_FOUND when there is no such plan; INVALID_STATE when it is not ACTIVE.',
    ),
  })
  cancelPaymentPlan(@Arg('id', () => ID, { description: 'The plan to cancel.' }) id: string, @Ctx() ctx: HubContext): Promise<PaymentPlan> {
    return ctx.services.paymentPlans.cancel(ctx.actor(), id);
  }
}

/** An account's money: balance net of unapplied payments, its payments and its plan. */
@Resolver(() => Account)
export class AccountPaymentsResolver {
  @FieldResolver(() => MoneyScalar, { description: 'Sum of amountDue over open invoices, less unapplied payments.' })
  async balance(@Root() account: Account, @Ctx() ctx: HubContext): Promise<number> {
    const [receivable, unapplied] = await Promise.all([
      ctx.loaders.load(receivableByAccount, account.id),
      ctx.loaders.load(unappliedByAccount, account.id),
    ]);
    return receivable.open - unapplied;
  }

  @FieldResolver(() => PaymentConnection, { description: 'Its payments, newest first.' })
  payments(
    @Root() account: Account,
    @Ctx() ctx: HubContext,
    @Arg('first', () => Int, { nullable: true, description: PAGE_FIRST }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_AFTER }) after?: string | null,
  ): Promise<Connection<Payment>> {
    return ctx.services.payments.listForAccount(account.id, { first, after });
  }

  @FieldResolver(() => PaymentPlan, {
    nullable: true,
    description: 'Its newest payment plan, whatever its status; null when it never had one.',
  })
  paymentPlan(@Root() account: Account, @Ctx() ctx: HubContext): Promise<PaymentPlan | null> {
    return ctx.loaders.load(latestPlanByAccount, account.id);
  }
}
