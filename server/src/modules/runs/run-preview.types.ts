import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../../common/scalars';
import type { PreviewItem } from './preview-tally';

export enum RunKind {
  BILLING = 'BILLING',
  COLLECTIONS = 'COLLECTIONS',
}
registerEnumType(RunKind, {
  name: 'RunKind',
  description: 'A kind of run the back office starts by hand or on a daily schedule.',
  valuesConfig: {
    BILLING: { description: 'A bill run (runBilling).' },
    COLLECTIONS: { description: 'A collections run (runCollections).' },
  },
});

@ObjectType({ description: 'How many accounts (billing) or actions (collections) of a preview have one outcome, and their amount.' })
export class PreviewCount {
  @Field({ description: 'Billing: ISSUED, HELD, BLOCKED, NOTHING_TO_BILL; collections: an action type.' })
  key!: string;

  @Field(() => Int, { description: 'How many accounts (billing) or actions (collections).' })
  count!: number;

  @Field(() => MoneyScalar, {
    nullable: true,
    description:
      "Billing: the invoices' total (ISSUED, HELD); collections: the fees (LATE_FEE), else the past-due amount of the accounts acted on. Null for BLOCKED and NOTHING_TO_BILL.",
  })
  amount!: number | null;
}

@ObjectType({ description: 'One account of a preview and what the run would do with it.' })
export class PreviewSample implements PreviewItem {
  accountId!: string;

  /** The outcome's key; exposed as `outcome`. */
  key!: string;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: "The invoice's total (billing), the fee (LATE_FEE) or the past-due amount (other actions); null when none.",
  })
  amount!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why: the threshold tests failed, the blocking problem, the step taken and the delinquency.',
  })
  detail!: string | null;
}

/** A preview as the services compute it; the resolver adds nothing but the samples' accounts. */
export interface RunPreviewData {
  kind: RunKind;
  asOf: string;
  accounts: number;
  counts: PreviewCount[];
  samples: PreviewSample[];
}

@ObjectType({ description: 'What a run would do now, computed with the same rules as the run; computing it writes nothing.' })
export class RunPreview implements RunPreviewData {
  @Field(() => RunKind, { description: 'The kind of run previewed.' })
  kind!: RunKind;

  @Field(() => DateScalar, { description: 'The asOf the run would have.' })
  asOf!: string;

  @Field(() => Int, {
    description:
      'Billing: the accounts the run would consider (its accountsConsidered); collections: the delinquent accounts it would evaluate (its accountsEvaluated).',
  })
  accounts!: number;

  @Field(() => [PreviewCount], {
    description: 'Billing: one count per outcome (ISSUED, HELD, BLOCKED, NOTHING_TO_BILL); collections: one per action type.',
  })
  counts!: PreviewCount[];

  @Field(() => [PreviewSample], { description: 'A few accounts of each outcome or action, in the order of counts.' })
  samples!: PreviewSample[];
}
