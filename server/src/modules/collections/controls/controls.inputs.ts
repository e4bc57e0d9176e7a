import { Field, InputType } from 'type-graphql';
import { DateScalar } from '../../../common/scalars';

@InputType({ description: 'One protection of an account, as setAccountProtections sets it.' })
export class AccountProtectionInput {
  @Field({
    description: 'Letters, digits and _, at most 32 characters, stored upper-case: e.g. CRITICAL_CARE, MEDICAL, ASSISTANCE_PLEDGE.',
  })
  code!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day it protects, today or later; null while it lasts.' })
  until?: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was granted, at most 255 characters.' })
  note?: string | null;
}
