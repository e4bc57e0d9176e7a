import { Field, ID, ObjectType, registerEnumType, UseMiddleware } from 'type-graphql';
import { ActorAsSeen } from '../../common/auth/actor-names';
import { Entity } from 'typeorm';
import { DateTimeScalar } from '../../common/scalars';
import { IdColumn, RefColumn, TextColumn, TimestampColumn } from '../../db/entity-columns';

export enum DisputeStatus {
  OPEN = 'OPEN',
  UPHELD = 'UPHELD',
  REJECTED = 'REJECTED',
}
registerEnumType(DisputeStatus, {
  name: 'DisputeStatus',
  description: 'Where a dispute stands: OPEN while an operator looks into it, then UPHELD or REJECTED.',
  valuesConfig: {
    OPEN: { description: "Being looked into: the invoice's amountDue is left out of pastDue for collections (not out of the balance)." },
    UPHELD: { description: 'The customer was right: settled by a credit note on the invoice.' },
    REJECTED: { description: 'The invoice stands: it counts for collections again from its original due date.' },
  },
});

@ObjectType({
  description:
    "A customer's dispute of an ISSUED invoice. While OPEN the invoice's amountDue is left out of pastDue and daysPastDue for collections (it stays in the balance) and a work item waits in queue DISPUTES.",
})
@Entity('invoice_dispute')
export class Dispute {
  @Field(() => ID, { description: "The dispute's id." })
  @IdColumn()
  id!: string;

  @RefColumn('invoice_id')
  invoiceId!: string;

  @RefColumn('account_id')
  accountId!: string;

  @Field({ description: 'What the customer disputes, at most 500 characters.' })
  @TextColumn('reason', { length: 500 })
  reason!: string;

  @Field(() => DisputeStatus, { description: 'OPEN, UPHELD or REJECTED.' })
  @TextColumn('status', { length: 16 })
  status!: DisputeStatus;

  /** Set to the invoice id while OPEN, null after: unique, so an invoice has at most one OPEN dispute. */
  @RefColumn('open_invoice_id', { nullable: true })
  openInvoiceId!: string | null;

  @Field({ description: 'Who opened it.' })
  @UseMiddleware(ActorAsSeen)
  @TextColumn('opened_by', { length: 128 })
  openedBy!: string;

  @Field(() => DateTimeScalar, { description: 'When it was opened.' })
  @TimestampColumn('opened_at')
  openedAt!: Date;

  @Field(() => String, { nullable: true, description: 'How it was resolved, at most 1000 characters; null while OPEN.' })
  @TextColumn('resolution', { length: 1000, nullable: true })
  resolution!: string | null;

  @TextColumn('resolved_by', { length: 128, nullable: true })
  resolvedBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was resolved; null while OPEN.' })
  @TimestampColumn('resolved_at', { nullable: true })
  resolvedAt!: Date | null;

  @RefColumn('credit_note_id', { nullable: true })
  creditNoteId!: string | null;

  @RefColumn('work_item_id', { nullable: true })
  workItemId!: string | null;
}
