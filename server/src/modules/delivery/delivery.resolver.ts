import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../../common/auth/roles';
import type { HubContext } from '../../common/context';
import { PAGE_AFTER, PAGE_FIRST, rootDescription } from '../../common/descriptions';
import type { Connection } from '../../common/pagination/connection';
import { Delivery, Document } from '../documents/document.entity';
import { deliveriesByDocument } from './delivery.loaders';
import { PrintBatch, PrintBatchConnection } from './print-batch';

@Resolver(() => Document)
export class DocumentDeliveryResolver {
  @FieldResolver(() => [Delivery], {
    description: 'Its sendings by email, oldest first: one queued when it was stored (for an EMAIL account), and one per resend.',
  })
  deliveries(@Root() doc: Document, @Ctx() ctx: HubContext): Promise<Delivery[]> {
    return ctx.loaders.load(deliveriesByDocument, doc.id);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Document, {
    description: rootDescription(
      "Delivers a stored document again by the account's method as it is now: a new mail to its email (sent within seconds), or a place in today's print batch; it shows in deliveries.",
      Access.OPERATE,
      'NOT_FOUND when there is no such document; INVALID_STATE when the account takes no delivery (NONE), or is on EMAIL without an email.',
    ),
  })
  resendDocument(@Arg('id', () => ID, { description: "The document's id." }) id: string, @Ctx() ctx: HubContext): Promise<Document> {
    return ctx.services.deliveries.resend(ctx.actor(), id);
  }
}

@Resolver(() => PrintBatch)
export class PrintBatchResolver {
  @Authorized(...Access.READ)
  @Query(() => PrintBatchConnection, {
    description: rootDescription(
      'Print batches, newest day first: each day the documents delivered by PRINT, as one merged PDF and a CSV manifest.',
      Access.READ,
      'BAD_USER_INPUT for a malformed first or after.',
    ),
  })
  printBatches(
    @Ctx() ctx: HubContext,
    @Arg('first', () => Int, { nullable: true, description: PAGE_FIRST }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_AFTER }) after?: string | null,
  ): Promise<Connection<PrintBatch>> {
    return ctx.services.printBatches.list({ first, after });
  }
}
