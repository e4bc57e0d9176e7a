import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { HubContext } from '../../common/context';
import { Access } from '../../common/auth/roles';
import { connectionDescription, PAGE_AFTER, PAGE_FIRST, rootDescription } from '../../common/descriptions';
import { ConnectionType, type Connection } from '../../common/pagination/connection';
import { DateScalar } from '../../common/scalars';
import { EventType, type HubEvent } from '../../events/event-types';
import { required } from '../../common/loaders/loaders';
import { Incentive, Product, ProductChange, ProductEvent, ProductStatus, PromoCode, Rate, RateTier, RegisterPrice } from './product.entity';
import { CreateProductInput, IncentiveInput, PromoCodeInput, RateInput, UpdateProductInput } from './product.inputs';
import { incentivesByProduct, productById, promoCodesByProduct, rateBilled, ratesByProduct } from './product.loaders';

const EXPECTED_VERSION =
  "The product's version the change was made from; when given, fails with CONFLICT if the product has changed since.";

@ObjectType('ProductConnection', { description: connectionDescription('products') })
export class ProductConnection extends ConnectionType(Product) {}

@Resolver(() => Product)
export class ProductResolver {
  @Authorized(...Access.READ)
  @Query(() => ProductConnection, {
    description: rootDescription('Every product, DRAFT ones included, in the order they were created.', Access.READ),
  })
  products(
    @Ctx() ctx: HubContext,
    @Arg('status', () => ProductStatus, { nullable: true, description: 'Only products with this status.' }) status?: ProductStatus | null,
    @Arg('first', () => Int, { nullable: true, description: PAGE_FIRST }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_AFTER }) after?: string | null,
  ): Promise<Connection<Product>> {
    return ctx.services.catalog.list({ status, first, after });
  }

  @Authorized(...Access.CATALOG)
  @Query(() => Product, {
    nullable: true,
    description: rootDescription(
      'One product, by id or by code; null when there is none (and, for a PARTNER, while it is a DRAFT). With both, null unless they name the same product.',
      Access.CATALOG,
      'BAD_USER_INPUT when neither id nor code is given.',
    ),
  })
  product(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID, { nullable: true, description: "The product's id." }) id?: string | null,
    @Arg('code', () => String, { nullable: true, description: "The product's code." }) code?: string | null,
  ): Promise<Product | null> {
    return ctx.services.catalog.find(ctx.actor(), { id, code });
  }

  @Authorized(...Access.CATALOG)
  @Query(() => [Product], {
    description: rootDescription(
      'The partner catalog: ACTIVE products with salesStart <= on < salesEnd. `on` defaults to today.',
      Access.CATALOG,
    ),
  })
  availableProducts(
    @Ctx() ctx: HubContext,
    @Arg('on', () => DateScalar, { nullable: true, description: "The day to list the catalog of; default today in the hub's time zone." })
    on?: string | null,
  ): Promise<Product[]> {
    return ctx.services.catalog.available(on);
  }

  @FieldResolver(() => [Rate], { description: 'Its rates, by effectiveFrom.' })
  rates(@Root() product: Product, @Ctx() ctx: HubContext): Promise<Rate[]> {
    return ctx.loaders.load(ratesByProduct, product.id);
  }

  @FieldResolver(() => [PromoCode], { description: 'Its promo codes, in the order they were added.' })
  promoCodes(@Root() product: Product, @Ctx() ctx: HubContext): Promise<PromoCode[]> {
    return ctx.loaders.load(promoCodesByProduct, product.id);
  }

  @FieldResolver(() => [Incentive], { description: 'Its incentives, in the order they were added.' })
  incentives(@Root() product: Product, @Ctx() ctx: HubContext): Promise<Incentive[]> {
    return ctx.loaders.load(incentivesByProduct, product.id);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Product, {
    description: rootDescription(
      'Creates a DRAFT product with its first rates, promo codes and incentives; emits PRODUCT_CHANGED (CREATED).',
      Access.OPERATE,
      'CONFLICT when the code is taken; BAD_USER_INPUT when a rate overlaps another, a promo code repeats, or a value is out of range.',
    ),
  })
  createProduct(
    @Arg('input', () => CreateProductInput, { description: 'The product to create.' }) input: CreateProductInput,
    @Ctx() ctx: HubContext,
  ): Promise<Product> {
    return ctx.services.catalog.create(ctx.actor(), input);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Product, {
    description: rootDescription(
      "Fails with CONFLICT when the product's version is no longer expectedVersion.",
      Access.OPERATE,
      'NOT_FOUND when there is no such product; BAD_USER_INPUT when the sales window would end before it starts.',
    ),
  })
  updateProduct(
    @Arg('id', () => ID, { description: 'The product to change.' }) id: string,
    @Arg('input', () => UpdateProductInput, { description: 'The fields to change.' }) input: UpdateProductInput,
    @Arg('expectedVersion', () => Int, {
      description: "The version the caller last read; the change applies only if it is still the product's version.",
    })
    expectedVersion: number,
    @Ctx() ctx: HubContext,
  ): Promise<Product> {
    return ctx.services.catalog.update(ctx.actor(), id, input, expectedVersion);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Product, {
    description: rootDescription(
      'Fails with BAD_USER_INPUT when the new rate overlaps an existing one.',
      Access.OPERATE,
      'NOT_FOUND when there is no such product.',
    ),
  })
  addRate(
    @Arg('productId', () => ID, { description: 'The product to price.' }) productId: string,
    @Arg('input', () => RateInput, { description: 'The rate to add.' }) input: RateInput,
    @Ctx() ctx: HubContext,
  ): Promise<Product> {
    return ctx.services.catalog.addRate(ctx.actor(), productId, input);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Product, {
    description: rootDescription(
      'Adds a promo code to a product; emits PRODUCT_CHANGED (UPDATED).',
      Access.OPERATE,
      'NOT_FOUND when there is no such product; BAD_USER_INPUT when the code already exists on it or a value is out of range.',
    ),
  })
  addPromoCode(
    @Arg('productId', () => ID, { description: 'The product the code is for.' }) productId: string,
    @Arg('input', () => PromoCodeInput, { description: 'The promo code to add.' }) input: PromoCodeInput,
    @Ctx() ctx: HubContext,
  ): Promise<Product> {
    return ctx.services.catalog.addPromoCode(ctx.actor(), productId, input);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Product, {
    description: rootDescription(
      'Adds an incentive to a product; emits PRODUCT_CHANGED (UPDATED).',
      Access.OPERATE,
      'NOT_FOUND when there is no such product; BAD_USER_INPUT when its value is not more than 0.',
    ),
  })
  addIncentive(
    @Arg('productId', () => ID, { description: 'The product the incentive is for.' }) productId: string,
    @Arg('input', () => IncentiveInput, { description: 'The incentive to add.' }) input: IncentiveInput,
    @Ctx() ctx: HubContext,
  ): Promise<Product> {
    return ctx.services.catalog.addIncentive(ctx.actor(), productId, input);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Product, {
    description: rootDescription(
      'DRAFT to ACTIVE; salesStart defaults to today. A future day schedules the launch; a past day is allowed for customers migrated from another system.',
      Access.OPERATE,
      'NOT_FOUND when there is no such product; INVALID_STATE when it is not a DRAFT, or has no rate (add one first).',
    ),
  })
  publishProduct(
    @Arg('id', () => ID, { description: 'The product to publish.' }) id: string,
    @Ctx() ctx: HubContext,
    @Arg('salesStart', () => DateScalar, {
      nullable: true,
      description: "First day on sale; default the product's planned salesStart, else today.",
    })
    salesStart?: string | null,
  ): Promise<Product> {
    return ctx.services.catalog.publish(ctx.actor(), id, salesStart);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Product, {
    description: rootDescription(
      'Ends sales at salesEnd (default today); the product leaves availableProducts from that day. It stays ACTIVE, and on sale, until then, and is RETIRED from that day (PRODUCT_CHANGED with change SALES_ENDED, at a new version); a product RETIRED whose salesEnd is moved past today is ACTIVE again.',
      Access.OPERATE,
      'NOT_FOUND when there is no such product; INVALID_STATE when it is not ACTIVE.',
    ),
  })
  retireProduct(
    @Arg('id', () => ID, { description: 'The product to retire.' }) id: string,
    @Ctx() ctx: HubContext,
    @Arg('salesEnd', () => DateScalar, {
      nullable: true,
      description: 'The day it is no longer on sale; default today. Not before salesStart.',
    })
    salesEnd?: string | null,
  ): Promise<Product> {
    return ctx.services.catalog.retire(ctx.actor(), id, salesEnd);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Product, {
    description: rootDescription(
      'Only while no invoice used the rate: changes its period and price; emits PRODUCT_CHANGED (UPDATED). Given the values the rate already has, answers with the product as it stands (no new version or event).',
      Access.OPERATE,
      'NOT_FOUND when there is no such rate; INVALID_STATE once an invoice used the rate (end it with endRate and add a new rate instead); BAD_USER_INPUT when the changed rate would overlap another; CONFLICT when expectedVersion is stale.',
    ),
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
    description: rootDescription(
      'Only while no invoice used the rate: removes it; emits PRODUCT_CHANGED (UPDATED).',
      Access.OPERATE,
      "NOT_FOUND when there is no such rate; INVALID_STATE once an invoice used the rate (end it with endRate instead), or when it is a published product's only rate; CONFLICT when expectedVersion is stale.",
    ),
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
    description: rootDescription(
      'Ends a rate at effectiveTo (a later rate takes over from that day); emits PRODUCT_CHANGED (UPDATED).',
      Access.OPERATE,
      'NOT_FOUND when there is no such rate; BAD_USER_INPUT when effectiveTo is not after effectiveFrom, is before the end of the days invoices billed at the rate, or would overlap a later rate; CONFLICT when expectedVersion is stale.',
    ),
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
    description: rootDescription(
      'Only while no enrollment used the code: replaces its terms; emits PRODUCT_CHANGED (UPDATED). Given the terms the code already has, answers with the product as it stands (no new version or event).',
      Access.OPERATE,
      'NOT_FOUND when there is no such code; INVALID_STATE once an enrollment redeemed it (deactivate it and add a new code instead); BAD_USER_INPUT when the code repeats another of the product or a value is out of range; CONFLICT when expectedVersion is stale.',
    ),
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
    description: rootDescription(
      'No new enrollment may use the code from now on; enrollments that have it keep its discount. Emits PRODUCT_CHANGED (UPDATED).',
      Access.OPERATE,
      'NOT_FOUND when there is no such code; INVALID_STATE when it is already deactivated; CONFLICT when expectedVersion is stale.',
    ),
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
    description: rootDescription(
      "Stops granting the incentive on enrollments' first invoices still to come; invoices that granted it keep their credit line and INCENTIVE_EARNED events. Emits PRODUCT_CHANGED (UPDATED).",
      Access.OPERATE,
      'NOT_FOUND when there is no such incentive; CONFLICT when expectedVersion is stale.',
    ),
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
      return ctx.services.events.subscribe({
        types: [EventType.PRODUCT_CHANGED],
        where: (event) => ctx.services.catalog.changeVisibleTo(viewer, event),
      });
    },
    description: rootDescription(
      'Every change to a product as it commits: created, updated, published, retired. A PARTNER is not sent changes to DRAFT products.',
      Access.CATALOG,
    ),
  })
  async productChanged(@Root() event: HubEvent, @Ctx() ctx: HubContext): Promise<ProductEvent> {
    const product = await required(ctx.loaders.load(productById, event.subjectId), `Product ${event.subjectId}`);
    return { change: event.payload.change as ProductChange, product };
  }
}

@Resolver(() => Rate)
export class RateResolver {
  @FieldResolver(() => Boolean, { description: 'True once an invoice used it: it can then only be ended, not changed or removed.' })
  billed(@Root() rate: Rate, @Ctx() ctx: HubContext): Promise<boolean> {
    return ctx.loaders.load(rateBilled, rate.id);
  }

  @FieldResolver(() => [RateTier], { description: 'Block tiers for TOTAL reads, in order; empty for a flat rate.' })
  tiers(@Root() rate: Rate): RateTier[] {
    return rate.tiers ?? [];
  }

  @FieldResolver(() => [RegisterPrice], { description: 'Prices of the other registers (ON_PEAK, OFF_PEAK, DEMAND...).' })
  registerPrices(@Root() rate: Rate): RegisterPrice[] {
    return rate.registerPrices ?? [];
  }
}
