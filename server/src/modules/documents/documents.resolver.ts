import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../common/context';
import { Access } from '../../common/auth/roles';
import { connectionDescription, PAGE_AFTER, PAGE_FIRST, rootDescription } from '../../common/descriptions';
import { required } from '../../common/loaders/loaders';
import { ConnectionType, type Connection } from '../../common/pagination/connection';
import { parseId } from '../../common/validation';
import { Account } from '../accounts/account.entity';
import { accountById } from '../accounts/account.loaders';
import { PostalAddress, postalAddressOf } from '../accounts/postal-address';
import { Invoice, InvoiceStatus } from '../billing/billing.entity';
import { CollectionsAction } from '../collections/collections.entity';
import { Branding, Document } from './document.entity';
import { BrandingInput } from './documents.inputs';
import { documentByAction, documentByCreditNote, documentByInvoice } from './documents.loaders';
import { CreditNote } from '../credits/credit-note.entity';

@ObjectType('DocumentConnection', { description: connectionDescription('documents') })
export class DocumentConnection extends ConnectionType(Document) {}

/** Where a document and a preview are downloaded, relative to the hub's address. */
export const documentPath = (id: string): string => `/documents/${id}.pdf`;
export const previewPath = (invoiceId: string): string => `/documents/preview/${invoiceId}.pdf`;

@Resolver(() => Document)
export class DocumentResolver {
  @Authorized(...Access.READ)
  @Query(() => Document, { nullable: true, description: rootDescription('One document by id; null when there is none.', Access.READ) })
  document(@Arg('id', () => ID, { description: "The document's id." }) id: string, @Ctx() ctx: HubContext): Promise<Document | null> {
    return ctx.services.documents.find(parseId(id, 'Document'));
  }

  @FieldResolver(() => Account, { description: 'The account it was sent to.' })
  account(@Root() doc: Document, @Ctx() ctx: HubContext): Promise<Account> {
    return required(ctx.loaders.load(accountById, doc.accountId), `account of document ${doc.id}`);
  }

  @FieldResolver(() => String, {
    description: 'GET it with the same Authorization header: the PDF exactly as sent. A path on the hub: /documents/<id>.pdf.',
  })
  url(@Root() doc: Document): string {
    return documentPath(doc.id);
  }
}

@Resolver(() => Branding)
export class BrandingResolver {
  @Authorized(...Access.READ)
  @Query(() => Branding, { description: rootDescription("The retailer's branding printed on bills and letters.", Access.READ) })
  branding(@Ctx() ctx: HubContext): Promise<Branding> {
    return ctx.services.branding.current();
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Branding, {
    description: rootDescription(
      'Sets the branding printed on documents rendered from now on; documents already stored keep theirs.',
      Access.OPERATE,
      'BAD_USER_INPUT when the name is empty, the colour is not #RRGGBB, the logo is not a PNG or is over 500 KB, or a field is too long.',
    ),
  })
  setBranding(
    @Arg('input', () => BrandingInput, { description: 'The new branding.' }) input: BrandingInput,
    @Ctx() ctx: HubContext,
  ): Promise<Branding> {
    return ctx.services.branding.set(ctx.actor(), input);
  }
}

@Resolver(() => Invoice)
export class InvoiceDocumentResolver {
  @FieldResolver(() => Document, {
    nullable: true,
    description: 'The bill as sent; null while HELD, and until it is rendered just after issue.',
  })
  document(@Root() invoice: Invoice, @Ctx() ctx: HubContext): Promise<Document | null> {
    return ctx.loaders.load(documentByInvoice, invoice.id);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'GET with the same Authorization header: the bill as it would be sent, for a HELD invoice; null otherwise.',
  })
  previewUrl(@Root() invoice: Invoice): string | null {
    return invoice.status === InvoiceStatus.HELD ? previewPath(invoice.id) : null;
  }
}

@Resolver(() => Account)
export class AccountDocumentsResolver {
  @FieldResolver(() => PostalAddress, {
    nullable: true,
    description: 'The postal address printed on bills and letters; null when none is known.',
  })
  address(@Root() account: Account): PostalAddress | null {
    return postalAddressOf(account);
  }

  @FieldResolver(() => DocumentConnection, { description: 'Its bills, credit notes and letters as sent, newest first.' })
  documents(
    @Root() account: Account,
    @Ctx() ctx: HubContext,
    @Arg('first', () => Int, { nullable: true, description: PAGE_FIRST }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_AFTER }) after?: string | null,
  ): Promise<Connection<Document>> {
    return ctx.services.documents.listForAccount(account.id, { first, after });
  }
}

@Resolver(() => CollectionsAction)
export class CollectionsActionDocumentResolver {
  @FieldResolver(() => Document, {
    nullable: true,
    description: 'LETTER and REMINDER: the letter as sent; null for other actions and until it is rendered.',
  })
  document(@Root() action: CollectionsAction, @Ctx() ctx: HubContext): Promise<Document | null> {
    return ctx.loaders.load(documentByAction, action.id);
  }
}

@Resolver(() => CreditNote)
export class CreditNoteDocumentResolver {
  @FieldResolver(() => Document, {
    nullable: true,
    description: 'The credit note as sent; null until it is rendered, just after it is issued.',
  })
  document(@Root() note: CreditNote, @Ctx() ctx: HubContext): Promise<Document | null> {
    return ctx.loaders.load(documentByCreditNote, note.id);
  }
}
