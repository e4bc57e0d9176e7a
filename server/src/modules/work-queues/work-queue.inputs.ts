import { Field, InputType, Int } from 'type-graphql';

@InputType({ description: 'A new work queue.' })
export class CreateWorkQueueInput {
  @Field({ description: 'Upper-case letters, digits and _, at most 32; how other parts of the hub name the queue.' })
  key!: string;

  @Field({ description: 'Its name in the console, at most 128 characters.' })
  name!: string;

  @Field(() => Int, { description: "1 to 525600 (a year): minutes from an item's creation to its dueAt." })
  slaMinutes!: number;
}
