import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../common/context';
import { Access } from '../../common/auth/roles';
import { connectionDescription, PAGE_AFTER, PAGE_FIRST, rootDescription } from '../../common/descriptions';
import { ConnectionType, type Connection } from '../../common/pagination/connection';
import { DateScalar } from '../../common/scalars';
import { Product } from '../catalog/product.entity';
import { productById } from '../catalog/product.loaders';
import { Account, AccountStatus, Enrollment } from './account.entity';
import { CreateAccountInput, UpdateAccountInput } from './account.inputs';
import { enrollmentsByAccount } from './account.loaders';

@ObjectType('AccountConnection', { description: connectionDescription('accounts') })
export class AccountConnection extends ConnectionType(Account) {}

@Resolver(() => Account)
export class AccountResolver {
  @Authorized(...Access.READ)
  @Query(() => AccountConnection, {
    description: rootDescription(
      'Accounts in the order they were created, filtered by a search text, a segment and a status.',
      Access.READ,
    ),
  })
  accounts(
    @Ctx() ctx: HubContext,
    @Arg('search', () => String, {
      nullable: true,
      description: 'Text found in the account number, name or email (at most 128 characters; % and _ match themselves).',
    })
    search?: string | null,
    @Arg('segment', () => String, { nullable: true, description: 'Only accounts of this segment (case does not matter).' })
    segment?: string | null,
    @Arg('status', () => AccountStatus, { nullable: true, description: 'Only accounts with this status.' }) status?: AccountStatus | null,
    @Arg('first', () => Int, { nullable: true, description: PAGE_FIRST }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_AFTER }) after?: string | null,
  ): Promise<Connection<Account>> {
    return ctx.services.accounts.list({ search, segment, status, first, after });
  }

  @Authorized(...Access.READ)
  @Query(() => Account, {
    nullable: true,
    description: rootDescription(
      'One account, by id or by number; null when there is none. With both, null unless they name the same account.',
      Access.READ,
      'BAD_USER_INPUT when neither id nor number is given.',
    ),
  })
  account(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID, { nullable: true, description: "The account's id." }) id?: string | null,
    @Arg('number', () => String, { nullable: true, description: "The account's number." }) number?: string | null,
  ): Promise<Account | null> {
    return ctx.services.accounts.find({ id, number });
  }

  @FieldResolver(() => [Enrollment], { description: 'Its enrollments, past, current and future.' })
  enrollments(@Root() account: Account, @Ctx() ctx: HubContext): Promise<Enrollment[]> {
    return ctx.loaders.load(enrollmentsByAccount, account.id);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Account, {
    description: rootDescription(
      'Creates an ACTIVE account.',
      Access.OPERATE,
      'CONFLICT when the number is taken; BAD_USER_INPUT for a value out of bounds.',
    ),
  })
  createAccount(
    @Arg('input', () => CreateAccountInput, { description: 'The account to create.' }) input: CreateAccountInput,
    @Ctx() ctx: HubContext,
  ): Promise<Account> {
    return ctx.services.accounts.create(ctx.actor(), input);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Account, {
    description: rootDescription(
      "Changes an account's details.",
      Access.OPERATE,
      'NOT_FOUND when there is no such account; BAD_USER_INPUT for a value out of bounds.',
    ),
  })
  updateAccount(
    @Arg('id', () => ID, { description: 'The account to change.' }) id: string,
    @Arg('input', () => UpdateAccountInput, { description: 'The fields to change.' }) input: UpdateAccountInput,
    @Ctx() ctx: HubContext,
  ): Promise<Account> {
    return ctx.services.accounts.update(ctx.actor(), id, input);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Enrollment, {
    description: rootDescription(
      'Fails with BAD_USER_INPUT when the product is not on sale at startDate or the promo code is not valid for it. A current enrollment ends where the new one starts (a product switch).',
      Access.OPERATE,
      'NOT_FOUND when there is no such account or product; INVALID_STATE when the account is not ACTIVE; BAD_USER_INPUT also when the promo code has no redemptions left or an enrollment already starts on or after startDate.',
    ),
  })
  enroll(
    @Arg('accountId', () => ID, { description: 'The account to enroll.' }) accountId: string,
    @Arg('productCode', { description: "The product's code." }) productCode: string,
    @Arg('startDate', () => DateScalar, { description: "First day the product prices the account's usage." }) startDate: string,
    @Ctx() ctx: HubContext,
    @Arg('promoCode', () => String, {
      nullable: true,
      description: 'A promo code of the product, valid on startDate; case does not matter.',
    })
    promoCode?: string | null,
  ): Promise<Enrollment> {
    return ctx.services.accounts.enroll(ctx.actor(), accountId, productCode, startDate, promoCode);
  }
}

@Resolver(() => Enrollment)
export class EnrollmentResolver {
  @FieldResolver(() => Product, { description: 'The product enrolled in.' })
  async product(@Root() enrollment: Enrollment, @Ctx() ctx: HubContext): Promise<Product> {
    const product = await ctx.loaders.load(productById, enrollment.productId);
    if (!product) throw new Error(`enrollment ${enrollment.id} points at a missing product`);
    return product;
  }
}
