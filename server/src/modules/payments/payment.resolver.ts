import { required } from '../../common/loaders/loaders';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { HubContext } from '../../app/context';
import { Access } from '../../common/auth/roles';
import { ConnectionType, type Connection } from '../../common/pagination/connection';
import { MoneyScalar } from '../../common/scalars';
import { EventType } from '../../events/event-types';
import { mapStream } from '../../events/stream';
import { Account } from '../accounts/account.entity';
import { accountById } from '../accounts/account.loaders';
import { Invoice } from '../billing/billing.entity';
import { invoiceById, receivableByAccount } from '../billing/billing.loaders';
import { Installment, Payment, PaymentAllocation, PaymentPlan } from './payment.entity';
import { CreatePaymentPlanInput, RecordPaymentInput } from './payment.inputs';
import { allocationsByPayment, installmentsByPlan, latestPlanByAccount, unappliedByAccount } from './payment.loaders';

@ObjectType('PaymentConnection')
export class PaymentConnection extends ConnectionType(Payment) {}

@Resolver(() => Payment)
export class PaymentResolver {
  @Authorized(...Access.READ)
  @Query(() => Payment, { nullable: true })
  payment(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext): Promise<Payment | null> {
    return ctx.services.payments.find(id);
  }

  @FieldResolver(() => Account)
  account(@Root() payment: Payment, @Ctx() ctx: HubContext): Promise<Account> {
    return required(ctx.loaders.load(accountById, payment.accountId), `account of payment ${payment.id}`);
  }

  @FieldResolver(() => [PaymentAllocation])
  allocations(@Root() payment: Payment, @Ctx() ctx: HubContext): Promise<PaymentAllocation[]> {
    return ctx.loaders.load(allocationsByPayment, payment.id);
  }

  @Authorized(...Access.INGEST)
  @Mutation(() => Payment)
  recordPayment(@Arg('input', () => RecordPaymentInput) input: RecordPaymentInput, @Ctx() ctx: HubContext): Promise<Payment> {
    return ctx.services.payments.record(ctx.actor(), input);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Payment)
  reversePayment(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: HubContext): Promise<Payment> {
    return ctx.services.payments.reverse(ctx.actor(), id, reason);
  }

  @Authorized(...Access.READ)
  @Subscription(() => Payment, {
    subscribe: async ({ context }) => {
      const ctx = context as HubContext;
      const events = await ctx.services.events.subscribe({ types: [EventType.PAYMENT_RECEIVED] });
      return mapStream(events, (event) => ctx.services.payments.find(event.subjectId));
    },
  })
  paymentReceived(@Root() payment: Payment): Payment {
    return payment;
  }
}

@Resolver(() => PaymentAllocation)
export class PaymentAllocationResolver {
  @FieldResolver(() => Invoice)
  invoice(@Root() allocation: PaymentAllocation, @Ctx() ctx: HubContext): Promise<Invoice> {
    return required(ctx.loaders.load(invoiceById, allocation.invoiceId), `invoice of allocation ${allocation.id}`);
  }
}

@Resolver(() => PaymentPlan)
export class PaymentPlanResolver {
  @FieldResolver(() => Account)
  account(@Root() plan: PaymentPlan, @Ctx() ctx: HubContext): Promise<Account> {
    return required(ctx.loaders.load(accountById, plan.accountId), `account of plan ${plan.id}`);
  }

  @FieldResolver(() => [Installment])
  installments(@Root() plan: PaymentPlan, @Ctx() ctx: HubContext): Promise<Installment[]> {
    return ctx.loaders.load(installmentsByPlan, plan.id);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => PaymentPlan)
  createPaymentPlan(
    @Arg('input', () => CreatePaymentPlanInput) input: CreatePaymentPlanInput,
    @Ctx() ctx: HubContext,
  ): Promise<PaymentPlan> {
    return ctx.services.paymentPlans.create(ctx.actor(), input);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => PaymentPlan)
  cancelPaymentPlan(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext): Promise<PaymentPlan> {
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

  @FieldResolver(() => PaymentConnection)
  payments(
    @Root() account: Account,
    @Ctx() ctx: HubContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<Connection<Payment>> {
    return ctx.services.payments.listForAccount(account.id, { first, after });
  }

  @FieldResolver(() => PaymentPlan, { nullable: true })
  paymentPlan(@Root() account: Account, @Ctx() ctx: HubContext): Promise<PaymentPlan | null> {
    return ctx.loaders.load(latestPlanByAccount, account.id);
  }
}
