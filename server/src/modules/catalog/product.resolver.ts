import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { HubContext } from '../../app/context';
import { Access } from '../../common/auth/roles';
import { ConnectionType, type Connection } from '../../common/pagination/connection';
import { DateScalar } from '../../common/scalars';
import { mapStream } from '../../events/stream';
import { EventType } from '../../events/event-types';
import { Incentive, Product, ProductEvent, ProductStatus, PromoCode, Rate } from './product.entity';
import { CreateProductInput, IncentiveInput, PromoCodeInput, RateInput, UpdateProductInput } from './product.inputs';
import { incentivesByProduct, promoCodesByProduct, rateBilled, ratesByProduct } from './product.loaders';

const EXPECTED_VERSION =
  "The product's version the change was made from; when given, fails with CONFLICT if the product has changed since.";

@ObjectType('ProductConnection')
export class ProductConnection extends ConnectionType(Product) {}

@Resolver(() => Product)
export class ProductResolver {
  @Authorized(...Access.READ)
  @Query(() => ProductConnection)
  products(
    @Ctx() ctx: HubContext,
    @Arg('status', () => ProductStatus, { nullable: true }) status?: ProductStatus | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<Connection<Product>> {
    return ctx.services.catalog.list({ status, first, after });
  }

  @Authorized(...Access.CATALOG)
  @Query(() => Product, { nullable: true })
  product(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID, { nullable: true }) id?: string | null,
    @Arg('code', () => String, { nullable: true }) code?: string | null,
  ): Promise<Product | null> {
    return ctx.services.catalog.find(ctx.actor(), { id, code });
  }

  @Authorized(...Access.CATALOG)
  @Query(() => [Product], { description: 'The partner catalog: ACTIVE products with salesStart <= on < salesEnd. `on` defaults to today.' })
  availableProducts(@Ctx() ctx: HubContext, @Arg('on', () => DateScalar, { nullable: true }) on?: string | null): Promise<Product[]> {
    return ctx.services.catalog.available(on);
  }

  @FieldResolver(() => [Rate])
  rates(@Root() product: Product, @Ctx() ctx: HubContext): Promise<Rate[]> {
    return ctx.loaders.load(ratesByProduct, product.id);
  }

  @FieldResolver(() => [PromoCode])
  promoCodes(@Root() product: Product, @Ctx() ctx: HubContext): Promise<PromoCode[]> {
    return ctx.loaders.load(promoCodesByProduct, product.id);
  }

  @FieldResolver(() => [Incentive])
  incentives(@Root() product: Product, @Ctx() ctx: HubContext): Promise<Incentive[]> {
    return ctx.loaders.load(incentivesByProduct, product.id);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Product)
  createProduct(@Arg('input', () => CreateProductInput) input: CreateProductInput, @Ctx() ctx: HubContext): Promise<Product> {
    return ctx.services.catalog.create(ctx.actor(), input);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Product, { description: "Fails with CONFLICT when the product's version is no longer expectedVersion." })
  updateProduct(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateProductInput) input: UpdateProductInput,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: HubContext,
  ): Promise<Product> {
    return ctx.services.catalog.update(ctx.actor(), id, input, expectedVersion);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Product, { description: 'Fails with BAD_USER_INPUT when the new rate overlaps an existing one.' })
  addRate(
    @Arg('productId', () => ID) productId: string,
    @Arg('input', () => RateInput) input: RateInput,
    @Ctx() ctx: HubContext,
  ): Promise<Product> {
    return ctx.services.catalog.addRate(ctx.actor(), productId, input);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Product)
  addPromoCode(
    @Arg('productId', () => ID) productId: string,
    @Arg('input', () => PromoCodeInput) input: PromoCodeInput,
    @Ctx() ctx: HubContext,
  ): Promise<Product> {
    return ctx.services.catalog.addPromoCode(ctx.actor(), productId, input);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Product)
  addIncentive(
    @Arg('productId', () => ID) productId: string,
    @Arg('input', () => IncentiveInput) input: IncentiveInput,
    @Ctx() ctx: HubContext,
  ): Promise<Product> {
    return ctx.services.catalog.addIncentive(ctx.actor(), productId, input);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Product, {
    description:
      'DRAFT to ACTIVE; salesStart defaults to today. A future day schedules the launch; a past day is allowed for customers migrated from another system.',
  })
  publishProduct(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: HubContext,
    @Arg('salesStart', () => DateScalar, { nullable: true }) salesStart?: string | null,
  ): Promise<Product> {
    return ctx.services.catalog.publish(ctx.actor(), id, salesStart);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Product, { description: 'Ends sales at salesEnd (default today); the product leaves availableProducts from that day.' })
  retireProduct(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: HubContext,
    @Arg('salesEnd', () => DateScalar, { nullable: true }) salesEnd?: string | null,
  ): Promise<Product> {
    return ctx.services.catalog.retire(ctx.actor(), id, salesEnd);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Product, {
    description:
      'Only while no invoice used the rate. Fails with INVALID_STATE once one did (end it with endRate instead), and with BAD_USER_INPUT when the changed rate would overlap another.',
  })
  updateRate(
    @Arg('id', () => ID, { description: 'The rate to change.' }) id: string,
    @Arg('input', () => RateInput, { description: "The rate's new period and price, replacing the old ones." }) input: RateInput,
    @Ctx() ctx: HubContext,
    @Arg('expectedVersion', () => Int, { nullable: true, description: EXPECTED_VERSION }) expectedVersion?: number | null,
  ): Promise<Product> {
    return ctx.services.catalog.edits.updateRate(ctx.actor(), id, input, expectedVersion);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Product, {
    description:
      "Only while no invoice used the rate. Fails with INVALID_STATE once one did (end it with endRate instead), or when it is a published product's only rate.",
  })
  removeRate(
    @Arg('id', () => ID, { description: 'The rate to remove.' }) id: string,
    @Ctx() ctx: HubContext,
    @Arg('expectedVersion', () => Int, { nullable: true, description: EXPECTED_VERSION }) expectedVersion?: number | null,
  ): Promise<Product> {
    return ctx.services.catalog.edits.removeRate(ctx.actor(), id, expectedVersion);
  }
  @Authorized(...Access.OPERATE)
  @Mutation(() => Product, {
    description:
      'Ends a rate at effectiveTo (a later rate takes over from that day). Fails with BAD_USER_INPUT when effectiveTo is not after effectiveFrom, is before the end of the days invoices billed at the rate, or would overlap a later rate.',
  })
  endRate(
    @Arg('id', () => ID, { description: 'The rate to end.' }) id: string,
    @Arg('effectiveTo', () => DateScalar, { description: 'The first day the rate no longer covers.' }) effectiveTo: string,
    @Ctx() ctx: HubContext,
    @Arg('expectedVersion', () => Int, { nullable: true, description: EXPECTED_VERSION }) expectedVersion?: number | null,
  ): Promise<Product> {
    return ctx.services.catalog.edits.endRate(ctx.actor(), id, effectiveTo, expectedVersion);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Product, {
    description:
      'Only while no enrollment used the code. Fails with INVALID_STATE once one did (deactivate it and add a new code instead).',
  })
  updatePromoCode(
    @Arg('id', () => ID, { description: 'The promo code to change.' }) id: string,
    @Arg('input', () => PromoCodeInput, { description: "The code's new terms, replacing the old ones." }) input: PromoCodeInput,
    @Ctx() ctx: HubContext,
    @Arg('expectedVersion', () => Int, { nullable: true, description: EXPECTED_VERSION }) expectedVersion?: number | null,
  ): Promise<Product> {
    return ctx.services.catalog.edits.updatePromoCode(ctx.actor(), id, input, expectedVersion);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Product, {
    description:
      'No new enrollment may use the code from now on; enrollments that have it keep its discount. Fails with INVALID_STATE when it is already deactivated.',
  })
  deactivatePromoCode(
    @Arg('id', () => ID, { description: 'The promo code to deactivate.' }) id: string,
    @Ctx() ctx: HubContext,
    @Arg('expectedVersion', () => Int, { nullable: true, description: EXPECTED_VERSION }) expectedVersion?: number | null,
  ): Promise<Product> {
    return ctx.services.catalog.edits.deactivatePromoCode(ctx.actor(), id, expectedVersion);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Product, {
    description:
      "Stops granting the incentive on enrollments' first invoices still to come; invoices that granted it keep their credit line and INCENTIVE_EARNED events.",
  })
  removeIncentive(
    @Arg('id', () => ID, { description: 'The incentive to remove.' }) id: string,
    @Ctx() ctx: HubContext,
    @Arg('expectedVersion', () => Int, { nullable: true, description: EXPECTED_VERSION }) expectedVersion?: number | null,
  ): Promise<Product> {
    return ctx.services.catalog.edits.removeIncentive(ctx.actor(), id, expectedVersion);
  }

  @Authorized(...Access.CATALOG)
  @Subscription(() => ProductEvent, {
    subscribe: async ({ context }) => {
      const ctx = context as HubContext;
      const viewer = ctx.actor();
      const events = await ctx.services.events.subscribe({ types: [EventType.PRODUCT_CHANGED] });
      return mapStream(events, (event) => ctx.services.catalog.productEvent(viewer, event));
    },
  })
  productChanged(@Root() event: ProductEvent): ProductEvent {
    return event;
  }
}

@Resolver(() => Rate)
export class RateResolver {
  @FieldResolver(() => Boolean, { description: 'True once an invoice used it: it can then only be ended, not changed or removed.' })
  billed(@Root() rate: Rate, @Ctx() ctx: HubContext): Promise<boolean> {
    return ctx.loaders.load(rateBilled, rate.id);
  }
}
