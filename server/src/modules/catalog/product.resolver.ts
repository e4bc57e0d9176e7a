import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { HubContext } from '../../app/context';
import { Access } from '../../common/auth/roles';
import { ConnectionType, type Connection } from '../../common/pagination/connection';
import { DateScalar } from '../../common/scalars';
import { mapStream } from '../../events/stream';
import { EventType } from '../../events/event-types';
import { Incentive, Product, ProductEvent, ProductStatus, PromoCode, Rate } from './product.entity';
import { CreateProductInput, IncentiveInput, PromoCodeInput, RateInput, UpdateProductInput } from './product.inputs';
import { incentivesByProduct, promoCodesByProduct, ratesByProduct } from './product.loaders';

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
