import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../app/context';
import { Access } from '../../common/auth/roles';
import { ConnectionType, type Connection } from '../../common/pagination/connection';
import { DateScalar } from '../../common/scalars';
import { Product } from '../catalog/product.entity';
import { productById } from '../catalog/product.loaders';
import { Account, AccountStatus, Enrollment } from './account.entity';
import { CreateAccountInput, UpdateAccountInput } from './account.inputs';
import { enrollmentsByAccount } from './account.loaders';

@ObjectType('AccountConnection')
export class AccountConnection extends ConnectionType(Account) {}

@Resolver(() => Account)
export class AccountResolver {
  @Authorized(...Access.READ)
  @Query(() => AccountConnection)
  accounts(
    @Ctx() ctx: HubContext,
    @Arg('search', () => String, { nullable: true }) search?: string | null,
    @Arg('segment', () => String, { nullable: true }) segment?: string | null,
    @Arg('status', () => AccountStatus, { nullable: true }) status?: AccountStatus | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<Connection<Account>> {
    return ctx.services.accounts.list({ search, segment, status, first, after });
  }

  @Authorized(...Access.READ)
  @Query(() => Account, { nullable: true })
  account(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID, { nullable: true }) id?: string | null,
    @Arg('number', () => String, { nullable: true }) number?: string | null,
  ): Promise<Account | null> {
    return ctx.services.accounts.find({ id, number });
  }

  @FieldResolver(() => [Enrollment])
  enrollments(@Root() account: Account, @Ctx() ctx: HubContext): Promise<Enrollment[]> {
    return ctx.loaders.load(enrollmentsByAccount, account.id);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Account)
  createAccount(@Arg('input', () => CreateAccountInput) input: CreateAccountInput, @Ctx() ctx: HubContext): Promise<Account> {
    return ctx.services.accounts.create(ctx.actor(), input);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Account)
  updateAccount(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateAccountInput) input: UpdateAccountInput,
    @Ctx() ctx: HubContext,
  ): Promise<Account> {
    return ctx.services.accounts.update(ctx.actor(), id, input);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Enrollment, {
    description: 'Fails with BAD_USER_INPUT when the product is not on sale at startDate or the promo code is not valid for it.',
  })
  enroll(
    @Arg('accountId', () => ID) accountId: string,
    @Arg('productCode') productCode: string,
    @Arg('startDate', () => DateScalar) startDate: string,
    @Ctx() ctx: HubContext,
    @Arg('promoCode', () => String, { nullable: true }) promoCode?: string | null,
  ): Promise<Enrollment> {
    return ctx.services.accounts.enroll(ctx.actor(), accountId, productCode, startDate, promoCode);
  }
}

@Resolver(() => Enrollment)
export class EnrollmentResolver {
  @FieldResolver(() => Product)
  async product(@Root() enrollment: Enrollment, @Ctx() ctx: HubContext): Promise<Product> {
    const product = await ctx.loaders.load(productById, enrollment.productId);
    if (!product) throw new Error(`enrollment ${enrollment.id} points at a missing product`);
    return product;
  }
}
