import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../common/pagination/connection';
import { DateScalar, DateTimeScalar } from '../../common/scalars';

@ObjectType({
  description:
    "The day's print batch: every document delivered by PRINT that day (in HUB_TIMEZONE), as one merged PDF and a CSV manifest. It grows until the day ends.",
})
export class PrintBatch {
  @Field(() => ID, { description: "The batch's id: its date as YYYYMMDD." })
  id!: string;

  @Field(() => DateScalar, { description: 'The day it collects.' })
  date!: string;

  @Field(() => Int, { description: 'How many documents it holds.' })
  documents!: number;

  @Field(() => Int, { description: 'How many pages they have together.' })
  pages!: number;

  @Field({ description: 'One merged PDF, in manifest order. GET it with the same Authorization header: /print-batches/<date>.pdf.' })
  pdfUrl!: string;

  @Field({ description: 'CSV: document, account number, name, address, pages. GET it with the same Authorization header.' })
  manifestUrl!: string;

  @Field(() => DateTimeScalar, { description: 'When its first document was put in it.' })
  createdAt!: Date;
}

@ObjectType('PrintBatchConnection', { description: 'Print batches, newest day first.' })
export class PrintBatchConnection extends ConnectionType(PrintBatch) {}

export const printBatchPath = (date: string, ext: 'pdf' | 'csv'): string => `/print-batches/${date}.${ext}`;
