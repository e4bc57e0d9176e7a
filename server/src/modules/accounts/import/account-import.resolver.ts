import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { HubContext } from '../../../common/context';
import { Access } from '../../../common/auth/roles';
import { rootDescription } from '../../../common/descriptions';
import { acceptInvalidItems } from '../../../common/scalars/validate-args';
import { AccountImportInput, AccountImportResult } from './account-import.types';

@Resolver()
export class AccountImportResolver {
  @Authorized(...Access.OPERATE)
  @Mutation(() => AccountImportResult, {
    description: rootDescription(
      'Up to 10,000 rows; each bad row is rejected with its index, the others are kept. Creates each account ACTIVE with its enrollment, collections path and opening balance (the open invoices of the previous system, ISSUED with their dates). A row identical to one imported before is counted as a duplicate and ignored, so a call can be sent again safely; a different row for a number already taken is rejected.',
      Access.OPERATE,
      'BAD_USER_INPUT (nothing imported) for more than 10,000 rows.',
    ),
  })
  importAccounts(
    @Arg('rows', () => [AccountImportInput], { validateFn: acceptInvalidItems, description: 'The accounts, at most 10,000.' })
    rows: AccountImportInput[],
    @Ctx() ctx: HubContext,
    @Arg('dryRun', () => Boolean, {
      nullable: true,
      description: 'True: check every row against the hub as the import would, and answer the same result, but write nothing.',
    })
    dryRun?: boolean | null,
  ): Promise<AccountImportResult> {
    return ctx.services.accountImports.importAccounts(ctx.actor(), rows, { dryRun: dryRun ?? false });
  }
}
