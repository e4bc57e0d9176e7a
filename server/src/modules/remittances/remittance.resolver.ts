import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../common/context';
import { Access } from '../../common/auth/roles';
import { rootDescription } from '../../common/descriptions';
import { Payment, PaymentChannel } from '../payments/payment.entity';
import { workItemById } from '../work-queues/work-queue.loaders';
import { WorkItem } from '../work-queues/work-queue.entity';
import { RemittanceImportResult, RemittanceLineInput, SuspensePayment, SuspenseStatus } from './remittance.entity';

@Resolver(() => SuspensePayment)
export class RemittanceResolver {
  @Authorized(...Access.READ)
  @Query(() => [SuspensePayment], {
    description: rootDescription('Remittance lines held in UNAPPLIED_CASH, newest first (at most 1,000).', Access.READ),
  })
  suspensePayments(
    @Arg('status', () => SuspenseStatus, { nullable: true, description: 'Only these; every status when omitted.' })
    status: SuspenseStatus | null,
    @Ctx() ctx: HubContext,
  ): Promise<SuspensePayment[]> {
    return ctx.services.remittances.list(status);
  }

  @FieldResolver(() => Payment, { nullable: true, description: 'The payment it became once applied; null while OPEN.' })
  payment(@Root() held: SuspensePayment, @Ctx() ctx: HubContext): Promise<Payment | null> {
    return held.paymentId ? ctx.services.payments.find(held.paymentId) : Promise.resolve(null);
  }

  @FieldResolver(() => WorkItem, { nullable: true, description: 'Its work item in queue UNAPPLIED_CASH.' })
  workItem(@Root() held: SuspensePayment, @Ctx() ctx: HubContext): Promise<WorkItem | null> {
    return held.workItemId ? ctx.loaders.load(workItemById, held.workItemId) : Promise.resolve(null);
  }

  @Authorized(...Access.INGEST)
  @Mutation(() => RemittanceImportResult, {
    description: rootDescription(
      "Up to 10,000 lines of a bank or lockbox file. Each line is matched by account number, else invoice number, and recorded as a payment (as recordPayment) idempotent by its reference: a file imported twice records nothing twice. A line that matches nothing is held as a SuspensePayment with a work item in UNAPPLIED_CASH. A returned line reverses the payment recorded under returnedReference and charges the segment's returnedPaymentFee on a FEE invoice. Bad lines are rejected with their index; the others are kept.",
      Access.INGEST,
      'BAD_USER_INPUT when there are more than 10,000 lines.',
    ),
  })
  importRemittances(
    @Arg('channel', () => PaymentChannel, { description: 'How the money of the file came in.' }) channel: PaymentChannel,
    @Arg('lines', () => [RemittanceLineInput], { description: 'The lines of the file.' }) lines: RemittanceLineInput[],
    @Ctx() ctx: HubContext,
  ): Promise<RemittanceImportResult> {
    return ctx.services.remittances.import(ctx.actor(), channel, lines);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Payment, {
    description: rootDescription(
      'Records an OPEN suspense payment as a payment of the chosen account (applied as recordPayment) and resolves its work item.',
      Access.OPERATE,
      'NOT_FOUND when there is no such suspense payment or account; INVALID_STATE when it is already applied.',
    ),
  })
  applySuspensePayment(
    @Arg('id', () => ID, { description: 'The suspense payment.' }) id: string,
    @Arg('accountNumber', { description: 'The account it pays.' }) accountNumber: string,
    @Ctx() ctx: HubContext,
  ): Promise<Payment> {
    return ctx.services.remittances.apply(ctx.actor(), id, accountNumber);
  }
}
