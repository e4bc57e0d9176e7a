import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { DateTimeScalar } from '../../common/scalars';
import { IdColumn, IntegerColumn, RefColumn, TextColumn, TimestampColumn } from '../../db/entity-columns';
import { DeliveryMethod } from '../accounts/delivery-method';

export { DeliveryMethod };

export enum DocumentKind {
  INVOICE = 'INVOICE',
  CREDIT_NOTE = 'CREDIT_NOTE',
  LETTER = 'LETTER',
}
registerEnumType(DocumentKind, {
  name: 'DocumentKind',
  description: 'What a document is.',
  valuesConfig: {
    INVOICE: { description: 'A bill: an issued invoice.' },
    CREDIT_NOTE: { description: 'A credit note: what was credited against a bill, and why.' },
    LETTER: { description: 'A LETTER or REMINDER collections action, as sent.' },
  },
});

export enum DeliveryStatus {
  QUEUED = 'QUEUED',
  SENT = 'SENT',
  FAILED = 'FAILED',
}
registerEnumType(DeliveryStatus, {
  name: 'DeliveryStatus',
  description: 'Where a delivery stands.',
  valuesConfig: {
    QUEUED: { description: 'Waiting to be sent, or to be tried again.' },
    SENT: { description: 'Handed to the mail server or put in a print batch.' },
    FAILED: { description: 'Gave up; a work item in DOCUMENT_DELIVERY says why.' },
  },
});

@ObjectType({ description: 'One sending of a document: by email or in a print batch, with its attempts.' })
@Entity('document_delivery')
export class Delivery {
  @Field(() => ID, { description: "The delivery's id." })
  @IdColumn()
  id!: string;

  @RefColumn('document_id')
  documentId!: string;

  @Field(() => DeliveryMethod, { description: 'EMAIL or PRINT.' })
  @TextColumn('method', { length: 8 })
  method!: DeliveryMethod;

  @Field(() => String, {
    nullable: true,
    description: "The email address, or the print batch's date; null when the account had no address to send or post to.",
  })
  @TextColumn('recipient', { length: 254, nullable: true })
  to!: string | null;

  /** PRINT: the day of its print batch (YYYY-MM-DD). */
  @TextColumn('print_date', { length: 10, nullable: true })
  printDate!: string | null;

  @Field(() => DeliveryStatus, { description: 'QUEUED, SENT or FAILED.' })
  @TextColumn('status', { length: 8 })
  status!: DeliveryStatus;

  @Field(() => Int, { description: 'How many times sending was tried.' })
  @IntegerColumn('attempts')
  attempts!: number;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed; null when none did.' })
  @TextColumn('last_error', { length: 500, nullable: true })
  lastError!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was sent; null until then.' })
  @TimestampColumn('sent_at', { nullable: true })
  sentAt!: Date | null;

  /** The process sending it now, until leaseUntil; while QUEUED and unleased, leaseUntil is when it may be tried (again). */
  @TextColumn('lease_owner', { length: 64, nullable: true })
  leaseOwner!: string | null;

  @TimestampColumn('lease_until', { nullable: true })
  leaseUntil!: Date | null;

  @TimestampColumn('created_at')
  createdAt!: Date;
}

@ObjectType({
  description: 'A bill, credit note or letter as sent: a PDF whose bytes never change once stored, with their sha256.',
})
@Entity('document')
export class Document {
  @Field(() => ID, { description: "The document's id." })
  @IdColumn()
  id!: string;

  @Field(() => DocumentKind, { description: 'INVOICE, CREDIT_NOTE or LETTER.' })
  @TextColumn('kind', { length: 16 })
  kind!: DocumentKind;

  @RefColumn('account_id')
  accountId!: string;

  @RefColumn('invoice_id', { nullable: true })
  invoiceId!: string | null;

  @RefColumn('collections_action_id', { nullable: true })
  collectionsActionId!: string | null;

  @RefColumn('credit_note_id', { nullable: true })
  creditNoteId!: string | null;

  @Field({ description: 'The SHA-256 of the PDF bytes, in lower-case hex: the bytes served at url hash to it.' })
  @TextColumn('sha256', { length: 64 })
  sha256!: string;

  @Field(() => Int, { description: 'How many pages the PDF has.' })
  @IntegerColumn('pages')
  pages!: number;

  @Field(() => Int, { description: 'The size of the PDF in bytes.' })
  @IntegerColumn('bytes')
  bytes!: number;

  /** The PDF; left out of every read but the download's (select: false). */
  @Column({ name: 'content', type: 'blob', select: false })
  content!: Buffer;

  @Field(() => DateTimeScalar, { description: 'When it was rendered and stored.' })
  @TimestampColumn('created_at')
  createdAt!: Date;
}

/** What a render job is about. */
export enum RenderSubject {
  INVOICE = 'INVOICE',
  LETTER = 'LETTER',
  CREDIT_NOTE = 'CREDIT_NOTE',
}

/** A document waiting to be rendered; deleted when its document is stored. */
@Entity('document_job')
export class DocumentJob {
  @IdColumn()
  id!: string;

  @TextColumn('subject_kind', { length: 16 })
  subjectKind!: RenderSubject;

  @RefColumn('subject_id')
  subjectId!: string;

  @IntegerColumn('attempts')
  attempts!: number;

  @TextColumn('last_error', { length: 500, nullable: true })
  lastError!: string | null;

  @TextColumn('lease_owner', { length: 64, nullable: true })
  leaseOwner!: string | null;

  @TimestampColumn('lease_until', { nullable: true })
  leaseUntil!: Date | null;

  @TimestampColumn('created_at')
  createdAt!: Date;
}

@ObjectType({ description: "The retailer's branding on every bill and letter." })
@Entity('branding')
export class Branding {
  @IdColumn()
  id!: string;

  @Field({ description: "The retailer's name, at the top of every document." })
  @TextColumn('name', { length: 128 })
  name!: string;

  @Field(() => String, { nullable: true, description: "The retailer's postal address, lines separated by newlines." })
  @TextColumn('address', { length: 500, nullable: true })
  address!: string | null;

  @Field(() => String, { nullable: true, description: 'The support phone number customers are given.' })
  @TextColumn('support_phone', { length: 32, nullable: true })
  supportPhone!: string | null;

  @Field(() => String, { nullable: true, description: 'The support email address customers are given.' })
  @TextColumn('support_email', { length: 254, nullable: true })
  supportEmail!: string | null;

  @Field(() => String, { nullable: true, description: "The retailer's website." })
  @TextColumn('website', { length: 255, nullable: true })
  website!: string | null;

  @Field({ description: 'Accent colour, #RRGGBB.' })
  @TextColumn('color', { length: 7 })
  color!: string;

  @Field(() => String, { nullable: true, description: 'A line printed at the foot of every page.' })
  @TextColumn('footer', { length: 1000, nullable: true })
  footer!: string | null;

  /** The PNG logo, when one was given. */
  @Column({ name: 'logo', type: 'blob', nullable: true })
  logo!: Buffer | null;

  @Field({ description: 'Whether a logo was given; it shows at the top left of every document.' })
  get hasLogo(): boolean {
    return this.logo !== null && this.logo !== undefined && this.logo.length > 0;
  }

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}
