import { GraphQLError, getOperationAST, validate, type GraphQLScalarType } from 'graphql';
import { getSchema } from '../schema';
import { checkQueryCost, parseWithinLimits, QUERY_LIMITS } from '../query-limits';

/** Each fragment spreads the next twice: the expanded query has 2^length copies of the last one. */
function fragmentChain(length: number, last = 'me { username }'): string {
  const fragments = Array.from({ length }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
  return `query { ...F0 } ${fragments.join(' ')} fragment F${length} on Query { ${last} }`;
}

function refusal(text: string): string {
  try {
    parseWithinLimits(text);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('QUERY_TOO_COMPLEX');
    return (error as GraphQLError).message;
  }
  throw new Error('accepted');
}

/** Generous: each of these takes a few milliseconds; walked spread by spread, the first took minutes. */
const BOUND_MS = 1_000;

describe('parseWithinLimits', () => {
  it('measures each fragment once, so a doubling chain is refused at once however long it is', () => {
    for (const length of [40, 200, 800]) {
      const started = Date.now();
      expect(refusal(fragmentChain(length))).toMatch(/fields once its fragments are expanded; at most 2000/);
      expect(Date.now() - started).toBeLessThan(BOUND_MS);
    }
  });

  it('lets a chain through while it stays within the field cap, and the cost estimator then stays bounded too', async () => {
    const schema = await getSchema();
    const text = fragmentChain(9);
    const document = parseWithinLimits(text);
    expect(validate(schema, document)).toEqual([]);
    const started = Date.now();
    checkQueryCost(schema, document, getOperationAST(document)!, {});
    expect(Date.now() - started).toBeLessThan(BOUND_MS);
  });

  it('counts depth through fragments', () => {
    const nested = 'me { username }';
    const deep = Array.from({ length: 11 }, (_, i) => `fragment D${i} on Query { accounts { nodes { ...E${i} } } }`);
    expect(
      refusal(
        `query { ...D0 } ${deep[0]} fragment E0 on Account { invoices { nodes { account { invoices { nodes { account { invoices { nodes { account { invoices { nodes { number } } } } } } } } } } } }`,
      ),
    ).toMatch(/levels deep; at most 10/);
    expect(() => parseWithinLimits(`{ ${nested} }`)).not.toThrow();
  });

  it('leaves a fragment cycle to validation instead of looping', async () => {
    const document = parseWithinLimits('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A me { username } }');
    expect(validate(await getSchema(), document).map((e) => e.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/within itself/)]),
    );
  });

  it('counts tokens and brackets before parsing', () => {
    expect(refusal(`{ me { ${'username '.repeat(QUERY_LIMITS.maxTokens)}} }`)).toMatch(/more than 10000 tokens/);
    expect(refusal(`{ ${'me { '.repeat(50)}username${' }'.repeat(50)} }`)).toMatch(/more than 40 levels of brackets/);
    expect(refusal(`{ events(types: ${'['.repeat(100_000)}) { totalCount } }`)).toMatch(/brackets/);
  });

  it('refuses a field repeated in one selection, and many aliases', () => {
    expect(refusal('{ me { username username username username } }')).toMatch(/"username" is asked for 4 times/);
    expect(() => parseWithinLimits('{ me { username username } }')).not.toThrow();
    expect(refusal(`{ ${Array.from({ length: 31 }, (_, i) => `a${i}: me { username }`).join(' ')} }`)).toMatch(/31 aliases/);
  });

  it('costs an operation again when a variable sets its page size, and once when no variable can change its cost', async () => {
    const schema = await getSchema();
    const paged = parseWithinLimits('query($n: Int) { accounts(first: $n) { nodes { payments(first: 500) { nodes { id amount } } } } }');
    const operation = getOperationAST(paged)!;
    checkQueryCost(schema, paged, operation, { n: 1 });
    expect(() => checkQueryCost(schema, paged, operation, { n: 500 })).toThrow(/would cost/);
    const fixed = parseWithinLimits('query($id: ID!) { payment(id: $id) { id amount } }');
    for (const id of ['1', '2']) checkQueryCost(schema, fixed, getOperationAST(fixed)!, { id });
  });

  it('reads none of the quantities of a 10,000-read list to cost recordUsage, which no variable can make dearer', async () => {
    const schema = await getSchema();
    const document = parseWithinLimits(
      'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted duplicates replaced rejected { index message } } }',
    );
    expect(validate(schema, document)).toEqual([]);
    const reads = Array.from({ length: 10_000 }, (_, i) => ({
      accountNumber: `A-${i}`,
      periodStart: '2026-01-01',
      periodEnd: '2026-02-01',
      quantity: '12.5',
    }));
    const decimal = schema.getType('Decimal') as GraphQLScalarType;
    const parse = jest.spyOn(decimal, 'parseValue');
    try {
      checkQueryCost(schema, document, getOperationAST(document)!, { reads });
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('leaves an operation over budget to execution when a variable does not fit its type, and refuses it when they all fit', async () => {
    const schema = await getSchema();
    const text =
      'query($n: Int, $id: ID!) { accounts(first: $n) { nodes { payments(first: 500) { nodes { id amount } } } } payment(id: $id) { id } }';
    const document = parseWithinLimits(text);
    expect(validate(schema, document)).toEqual([]);
    const operation = getOperationAST(document)!;
    // Execution answers these with BAD_USER_INPUT, before anything runs.
    expect(() => checkQueryCost(schema, document, operation, { n: 500, id: { not: 'an id' } })).not.toThrow();
    expect(() => checkQueryCost(schema, document, operation, { n: 500 })).not.toThrow();
    expect(() => checkQueryCost(schema, document, operation, { n: 500, id: '1' })).toThrow(
      'The query would cost 751003 (each field 1, times the page size of connections); the budget is 25000. Ask for smaller pages or fewer fields.',
    );
    expect(() => checkQueryCost(schema, document, operation, { n: 10, id: '1' })).not.toThrow();
  });

  it('leaves syntax errors to the parser, which says where they are', () => {
    expect(() => parseWithinLimits('{ me { username ')).toThrow(/Syntax Error/);
  });
});
