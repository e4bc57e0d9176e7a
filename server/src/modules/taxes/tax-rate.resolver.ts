import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../../common/context';
import { Access } from '../../common/auth/roles';
import { rootDescription } from '../../common/descriptions';
import { DateScalar } from '../../common/scalars';
import { TaxRate } from './tax-rate.entity';
import { TaxRateInput } from './tax-rate.inputs';

@Resolver(() => TaxRate)
export class TaxRateResolver {
  @Authorized(...Access.READ)
  @Query(() => [TaxRate], {
    description: rootDescription('Tax rates, past, current and future, by zone, code and effectiveFrom.', Access.READ),
  })
  taxRates(
    @Ctx() ctx: HubContext,
    @Arg('zone', () => String, { nullable: true, description: "Only this zone's rates (case does not matter); omit for every zone." })
    zone?: string | null,
  ): Promise<TaxRate[]> {
    return ctx.services.taxRates.list(zone);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => TaxRate, {
    description: rootDescription(
      'Adds a tax rate to a zone; invoices whose last day of service falls in its period get a TAX line for it.',
      Access.OPERATE,
      'BAD_USER_INPUT when it overlaps a rate of the same zone and code (the message names it), percent is not from 0 to 100, appliesTo is empty or lists TAX, zone or code has characters other than letters, digits and _, or effectiveTo is not after effectiveFrom.',
    ),
  })
  addTaxRate(
    @Arg('input', () => TaxRateInput, { description: 'The rate to add.' }) input: TaxRateInput,
    @Ctx() ctx: HubContext,
  ): Promise<TaxRate> {
    return ctx.services.taxRates.add(ctx.actor(), input);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => TaxRate, {
    description: rootDescription(
      'Ends a tax rate at effectiveTo (exclusive), or moves its end; invoices already made keep their TAX lines.',
      Access.OPERATE,
      'NOT_FOUND when there is no such rate; BAD_USER_INPUT when effectiveTo is not after effectiveFrom or the new end overlaps the next rate of the same zone and code.',
    ),
  })
  endTaxRate(
    @Arg('id', () => ID, { description: 'The rate to end.' }) id: string,
    @Arg('effectiveTo', () => DateScalar, { description: 'The day after the last day it taxes.' }) effectiveTo: string,
    @Ctx() ctx: HubContext,
  ): Promise<TaxRate> {
    return ctx.services.taxRates.end(ctx.actor(), id, effectiveTo);
  }
}
