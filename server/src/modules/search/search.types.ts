import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum SearchHitKind {
  ACCOUNT = 'ACCOUNT',
  INVOICE = 'INVOICE',
  CREDIT_NOTE = 'CREDIT_NOTE',
}
registerEnumType(SearchHitKind, {
  name: 'SearchHitKind',
  description: 'What a search hit is.',
  valuesConfig: {
    ACCOUNT: { description: 'An account, found by its number, name or email.' },
    INVOICE: { description: 'An invoice, found by its number (INV-...).' },
    CREDIT_NOTE: { description: 'A credit note, found by its number (CN-...).' },
  },
});

@ObjectType({ description: 'One thing a search found, with what the console needs to show it and go to it.' })
export class SearchHit {
  @Field(() => SearchHitKind, { description: 'What was found.' })
  kind!: SearchHitKind;

  @Field(() => ID, { description: 'The id of what was found (account, invoice or credit note).' })
  id!: string;

  @Field(() => ID, { description: 'The account it is or belongs to.' })
  accountId!: string;

  @Field(() => ID, { nullable: true, description: 'The invoice found, or the one a credit note credits; null for an account.' })
  invoiceId!: string | null;

  @Field(() => String, { description: 'A short title: the account number and name, or the document number.' })
  title!: string;

  @Field(() => String, { description: 'More about it: the account email, or the account number a document belongs to.' })
  detail!: string;
}
