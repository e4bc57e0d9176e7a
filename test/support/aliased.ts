import { gqlOk } from './client';
import { unique } from './factories';
import type { TestHub } from './hub';

/** One field of an operation: `addTaxRate(input: $input) { id }`, its arguments with their GraphQL types, and what it selects. */
export interface AliasedCall {
  field: string;
  args: Record<string, { type: string; value: unknown }>;
  selection?: string;
}

/** As many aliases as the hub lets one operation use (QUERY_LIMITS.maxAliases). */
const MAX_ALIASES = 30;

/**
 * Sends many calls as aliased fields of a few operations, as an integrator
 * batching its writes would: the hub runs a mutation's fields one after the
 * other, in order. Answers in the calls' order; any error fails the test.
 * `perOperation` lowers the batch where each answer is large (the cost limit).
 */
export async function gqlAliased<T = Record<string, any>>(
  t: TestHub,
  kind: 'query' | 'mutation',
  calls: readonly AliasedCall[],
  perOperation = MAX_ALIASES,
): Promise<T[]> {
  const answers: T[] = [];
  for (let start = 0; start < calls.length; start += perOperation) {
    const chunk = calls.slice(start, start + perOperation);
    const definitions: string[] = [];
    const variables: Record<string, unknown> = {};
    const fields = chunk.map((call, k) => {
      const args = Object.entries(call.args).map(([name, { type, value }]) => {
        definitions.push(`$v${k}_${name}: ${type}`);
        variables[`v${k}_${name}`] = value;
        return `${name}: $v${k}_${name}`;
      });
      return `a${k}: ${call.field}${args.length ? `(${args.join(', ')})` : ''} ${call.selection ?? ''}`;
    });
    const head = definitions.length ? `${kind}(${definitions.join(', ')})` : kind;
    const data = await gqlOk(t.url, `${head} {\n${fields.join('\n')}\n}`, variables, t.adminToken);
    chunk.forEach((_, k) => answers.push(data[`a${k}`] as T));
  }
  return answers;
}

/** Published products, each with one createProduct and one publishProduct, all in two or so requests. */
export async function publishedProducts(
  t: TestHub,
  inputs: ReadonlyArray<Record<string, unknown>>,
  salesStart: string,
): Promise<Array<{ id: string; code: string }>> {
  const created = await gqlAliased<{ id: string; code: string }>(
    t,
    'mutation',
    inputs.map((input) => {
      const code = unique('PROD');
      const value = { code, name: `Product ${code}`, unit: 'kWh', fixedCharge: '9.95', ...input };
      return { field: 'createProduct', args: { input: { type: 'CreateProductInput!', value } }, selection: '{ id code }' };
    }),
  );
  await gqlAliased(
    t,
    'mutation',
    created.map((p) => ({
      field: 'publishProduct',
      args: { id: { type: 'ID!', value: p.id }, salesStart: { type: 'Date', value: salesStart } },
      selection: '{ id }',
    })),
  );
  return created;
}

/** Accounts created (RESIDENTIAL, with the input given) and enrolled, in two or so requests. */
export async function enrolledAccounts(
  t: TestHub,
  accounts: ReadonlyArray<{ input?: Record<string, unknown>; productCode: string; startDate: string; promoCode?: string | null }>,
): Promise<Array<{ id: string; number: string }>> {
  const created = await gqlAliased<{ id: string; number: string }>(
    t,
    'mutation',
    accounts.map(({ input }) => {
      const number = unique('ACC');
      const value = { number, name: `Customer ${number}`, segment: 'RESIDENTIAL', ...input };
      return { field: 'createAccount', args: { input: { type: 'CreateAccountInput!', value } }, selection: '{ id number }' };
    }),
  );
  await gqlAliased(
    t,
    'mutation',
    accounts.map((a, i) => ({
      field: 'enroll',
      args: {
        accountId: { type: 'ID!', value: created[i].id },
        productCode: { type: 'String!', value: a.productCode },
        startDate: { type: 'Date!', value: a.startDate },
        promoCode: { type: 'String', value: a.promoCode ?? null },
      },
      selection: '{ id }',
    })),
  );
  return created;
}

/** Records the reads in one recordUsage call; a rejected read fails the test. */
export async function recordReads(
  t: TestHub,
  reads: ReadonlyArray<{ accountNumber: string; register?: string; periodStart: string; periodEnd: string; quantity: string }>,
): Promise<void> {
  const result = await gqlOk(
    t.url,
    'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted rejected { index message } } }',
    { reads },
    t.adminToken,
  );
  if (result.recordUsage.rejected.length > 0) throw new Error(`usage rejected: ${JSON.stringify(result.recordUsage.rejected)}`);
}
