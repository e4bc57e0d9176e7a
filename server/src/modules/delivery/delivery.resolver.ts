import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { Access } from '../../common/auth/roles';
import type { HubContext } from '../../common/context';
import { rootDescription } from '../../common/descriptions';
import { Delivery, Document } from '../documents/document.entity';
import { deliveriesByDocument } from './delivery.loaders';

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
      "Queues a new delivery of a stored document to the account's email; it is sent within seconds and shows in deliveries.",
      Access.OPERATE,
      'NOT_FOUND when there is no such document; INVALID_STATE when the account does not take its documents by EMAIL or has no email.',
    ),
  })
  resendDocument(@Arg('id', () => ID, { description: "The document's id." }) id: string, @Ctx() ctx: HubContext): Promise<Document> {
    return ctx.services.deliveries.resend(ctx.actor(), id);
  }
}
