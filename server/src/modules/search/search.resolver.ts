import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../../common/context';
import { Access } from '../../common/auth/roles';
import { rootDescription } from '../../common/descriptions';
import { SearchHit } from './search.types';

@Resolver()
export class SearchResolver {
  @Authorized(...Access.READ)
  @Query(() => [SearchHit], {
    description: rootDescription(
      'Finds accounts by number, name or email (any case, part of it is enough; an exact account number first), an invoice by its number (INV-00000012) or a credit note by its number (CN-00000003). At most 20 hits; none for a blank text.',
      Access.READ,
    ),
  })
  search(
    @Ctx() ctx: HubContext,
    @Arg('text', () => String, { description: 'What to look for; only its first 128 characters count.' }) text: string,
  ): Promise<SearchHit[]> {
    return ctx.services.search.search(text);
  }
}
