import { Field, Int, ObjectType } from 'type-graphql';

/** A row a bulk import refused, and why; the call's other rows are kept. */
@ObjectType({ description: 'A row an import refused, and why; the other rows of the call are kept.' })
export class ImportRejection {
  @Field(() => Int, { description: 'Position of the rejected row in the request.' })
  index!: number;

  @Field({ description: 'Why, as a code a program can act on (each import lists its codes).' })
  code!: string;

  @Field({ description: 'What is wrong with the row, in words, saying what to fix.' })
  message!: string;
}
