import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../common/pagination/connection';
import { DateTimeScalar, MoneyScalar } from '../../common/scalars';
import { TimelineKind } from './timeline-kind';

export { TimelineKind };

registerEnumType(TimelineKind, {
  name: 'TimelineKind',
  description: 'What a timeline entry is about.',
  valuesConfig: {
    INVOICE: { description: 'An invoice was made for the account (subjectId is the invoice).' },
    PAYMENT: { description: 'A payment was received (subjectId is the payment).' },
    CREDIT_NOTE: { description: 'A credit note was issued (subjectId is the credit note).' },
    REFUND: { description: 'Money was paid back to the customer (subjectId is the refund).' },
    USAGE_READ: { description: 'A usage read was recorded (subjectId is the read).' },
    COLLECTIONS_ACTION: { description: 'A collections run took a step (subjectId is the action).' },
    WORK_NOTE: { description: 'Someone noted something on a work item about the account (subjectId is the work item).' },
    DISPUTE: { description: 'A dispute was opened on one of its invoices (subjectId is the dispute).' },
  },
});

@ObjectType({
  description: 'One thing that happened on an account: a document, money moving, a read, a collections step, a note or a dispute.',
})
export class TimelineEntry {
  @Field(() => DateTimeScalar, { description: 'When it happened (for a payment, when it was received).' })
  at!: Date;

  @Field(() => TimelineKind, { description: 'What it is about.' })
  kind!: TimelineKind;

  @Field(() => String, { description: 'A short line saying what happened, with the document number where there is one.' })
  title!: string;

  @Field(() => String, { description: 'Why or what more: the reason, reference, note text or period; empty when there is nothing more.' })
  detail!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Who did it: a username or "apikey:<name>" (only "apikey" for readers other than admins); null when the hub did it by itself or nobody is on record.',
  })
  actor!: string | null;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'The amount it is about; null for entries that move no money (reads, steps, notes, disputes).',
  })
  amount!: number | null;

  @Field(() => ID, { description: 'The id of the thing it is about; kind says what that is.' })
  subjectId!: string;
}

@ObjectType({ description: 'One page of an account timeline, newest first. Pass pageInfo.endCursor as `after` to read the next page.' })
export class TimelineConnection {
  @Field(() => [TimelineEntry], { description: 'The entries of this page, newest first.' })
  nodes!: TimelineEntry[];

  @Field(() => PageInfo, { description: 'Where this page ends and whether another page follows.' })
  pageInfo!: PageInfo;
}
