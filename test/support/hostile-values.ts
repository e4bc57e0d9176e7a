import fc from 'fast-check';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import {
  DATE_EDGES,
  DATE_TIME_EDGES,
  DECIMAL_EDGES,
  HOSTILE_IDS,
  HOSTILE_STRINGS,
  INT_EDGES,
  MONEY_EDGES,
  WRONG_TYPE,
} from './hostile-edges';

/** Real values from the test's database, so that some generated arguments hit rows that exist. */
export interface Pools {
  ids: string[];
  strings: string[];
  /** Real values for arguments and fields of this name (accountNumber, productCode, queueKey...). */
  byName: Record<string, string[]>;
}

interface Options {
  /** No huge strings and no 10,001-item lists: for the items of a 10,001-item list, which must still fit in one request. */
  compact: boolean;
}

const ALLOWED_LIST = 10_000;

function cents(n: bigint): string {
  const sign = n < 0n ? '-' : '';
  const a = n < 0n ? -n : n;
  return `${sign}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

function micros(n: bigint): string {
  const sign = n < 0n ? '-' : '';
  const a = n < 0n ? -n : n;
  const fraction = String(a % 1_000_000n)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return `${sign}${a / 1_000_000n}${fraction ? `.${fraction}` : ''}`;
}

const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** Days around the test data (2024-2027) most of the time, anywhere the Date scalar admits sometimes. */
const nearDays = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true });
const anyDays = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true });

function scalar(name: string, pools: Pools, opts: Options): fc.Arbitrary<unknown> {
  const wrong = fc.constantFrom(...(WRONG_TYPE[name] ?? [null]));
  const huge = opts.compact
    ? []
    : [
        {
          arbitrary: fc
            .tuple(fc.integer({ min: 257, max: 70_000 }), fc.constantFrom('x', 'é', '💸', '\u0000', ' '))
            .map(([n, c]) => c.repeat(n)),
          weight: 1,
        },
      ];
  switch (name) {
    case 'String':
      return fc.oneof(
        { arbitrary: fc.constantFrom(...pools.strings), weight: 4 },
        { arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.@-]{0,40}$/), weight: 2 },
        { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
        { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 1 },
        { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 1 },
        { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 3 },
        ...huge,
        { arbitrary: wrong, weight: 1 },
      );
    case 'ID':
      return fc.oneof(
        { arbitrary: fc.constantFrom(...pools.ids), weight: 6 },
        { arbitrary: fc.integer({ min: 1, max: 60 }).map(String), weight: 2 },
        { arbitrary: fc.constantFrom(...HOSTILE_IDS), weight: 2 },
        { arbitrary: fc.bigInt({ min: 0n, max: 2n ** 70n }).map(String), weight: 1 },
        { arbitrary: fc.integer({ min: 1, max: 60 }), weight: 1 }, // an Int literal is a valid ID too
        ...huge,
        { arbitrary: wrong, weight: 1 },
      );
    case 'Int':
      return fc.oneof(
        { arbitrary: fc.integer({ min: -5, max: 130 }), weight: 4 },
        { arbitrary: fc.integer(), weight: 2 },
        { arbitrary: fc.constantFrom(...INT_EDGES), weight: 3 },
        { arbitrary: wrong, weight: 1 },
      );
    case 'Float':
      return fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, -1, 1e308, 5e-324));
    case 'Boolean':
      return fc.oneof({ arbitrary: fc.boolean(), weight: 10 }, { arbitrary: wrong, weight: 1 });
    case 'Money':
      return fc.oneof(
        { arbitrary: fc.bigInt({ min: -100_000n, max: 10_000_000n }).map(cents), weight: 4 },
        { arbitrary: fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }).map(cents), weight: 2 },
        { arbitrary: fc.constantFrom(...MONEY_EDGES), weight: 4 },
        { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
        { arbitrary: wrong, weight: 1 },
      );
    case 'Decimal':
      return fc.oneof(
        { arbitrary: fc.bigInt({ min: -1_000_000n, max: 1_000_000_000n }).map(micros), weight: 4 },
        { arbitrary: fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }).map(micros), weight: 2 },
        { arbitrary: fc.constantFrom(...DECIMAL_EDGES), weight: 4 },
        { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
        { arbitrary: wrong, weight: 1 },
      );
    case 'Date':
      return fc.oneof(
        { arbitrary: nearDays.map(isoDay), weight: 5 },
        { arbitrary: anyDays.map(isoDay), weight: 1 },
        { arbitrary: fc.constantFrom(...DATE_EDGES), weight: 4 },
        { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
        { arbitrary: wrong, weight: 1 },
      );
    case 'DateTime':
      return fc.oneof(
        { arbitrary: nearDays.map((d) => d.toISOString()), weight: 4 },
        { arbitrary: anyDays.map((d) => d.toISOString()), weight: 1 },
        { arbitrary: fc.constantFrom(...DATE_TIME_EDGES), weight: 4 },
        { arbitrary: fc.string({ maxLength: 30 }), weight: 1 },
        { arbitrary: wrong, weight: 1 },
      );
    case 'JSON':
      return fc.jsonValue({ maxDepth: 3 });
    default:
      throw new Error(`add hostile values for scalar ${name} in test/support/hostile-values.ts`);
  }
}

/** Values for an input type: mostly of the right shape with hostile contents, sometimes of the wrong shape altogether. */
export function hostileValue(type: GraphQLInputType, pools: Pools, opts: Options = { compact: false }): fc.Arbitrary<unknown> {
  const inner = getNullableType(type);
  let value: fc.Arbitrary<unknown>;
  if (isListType(inner)) {
    const item = hostileValue(inner.ofType, pools, opts);
    const branches: Array<fc.WeightedArbitrary<unknown>> = [
      { arbitrary: fc.constant([]), weight: 2 },
      { arbitrary: fc.array(item, { minLength: 1, maxLength: 4 }), weight: 6 },
      { arbitrary: item, weight: 1 }, // a single item where a list is expected (GraphQL coerces it)
    ];
    if (!opts.compact) {
      // One more than any list the hub accepts in one call.
      branches.push({
        arbitrary: hostileValue(inner.ofType, pools, { compact: true }).map((v) => Array.from({ length: ALLOWED_LIST + 1 }, () => v)),
        weight: 1,
      });
    }
    value = fc.oneof(...branches);
  } else if (isEnumType(inner)) {
    const names = inner.getValues().map((v) => v.name);
    value = fc.oneof(
      { arbitrary: fc.constantFrom(...names), weight: 10 },
      { arbitrary: fc.constantFrom('NOT_A_VALUE', '', names[0].toLowerCase(), 0), weight: 1 },
    );
  } else if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields());
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const f of fields) model[f.name] = hostileValue(f.type, pools, opts);
    const required = fields.filter((f) => isNonNullType(f.type) && f.defaultValue === undefined).map((f) => f.name);
    value = fc.oneof(
      { arbitrary: fc.record(model, { requiredKeys: required }), weight: 12 },
      { arbitrary: fc.record(model, { requiredKeys: [] }), weight: 1 }, // required fields left out
      { arbitrary: fc.constantFrom('x', 1, [], { unknownField: 1 }), weight: 1 },
    );
  } else if (isScalarType(inner)) {
    value = scalar(inner.name, pools, opts);
  } else {
    throw new Error(`no hostile values for ${String(type)}`);
  }
  // null where null is not allowed is the client's mistake too; where it is allowed, a real choice.
  return fc.oneof({ arbitrary: value, weight: isNonNullType(type) ? 20 : 6 }, { arbitrary: fc.constant(null), weight: 1 });
}

/** Values the scalar admits, often at the far ends of what it admits (2199-12-31, 90 trillion dollars, 2^31 - 1). */
function plausibleScalar(name: string, pools: Pools, field: string): fc.Arbitrary<unknown> {
  switch (name) {
    case 'String':
      if (pools.byName[field]?.length)
        return fc.oneof(
          { arbitrary: fc.constantFrom(...pools.byName[field]), weight: 4 },
          { arbitrary: fc.constantFrom(...pools.strings), weight: 1 },
        );
      if (/email/i.test(field)) return fc.oneof(fc.emailAddress(), fc.constant('billing@example.com'));
      if (/phone/i.test(field)) return fc.constantFrom('+1 (555) 010-0200', '555.0100', '0');
      if (/password/i.test(field)) return fc.constantFrom('a-long-password', 'x'.repeat(256));
      if (/number|code|key|segment|username/i.test(field))
        return fc.oneof(fc.constantFrom(...pools.strings), fc.stringMatching(/^[A-Z][A-Z0-9_-]{0,12}$/));
      return fc.oneof(
        { arbitrary: fc.constantFrom(...pools.strings), weight: 5 },
        { arbitrary: fc.stringMatching(/^[A-Z][A-Z0-9_]{0,12}$/), weight: 2 },
        { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), weight: 1 },
        { arbitrary: fc.constantFrom('Dear {{name}}, {{pastDue}} is {{daysPastDue}} days late', 'Ünïcödé 💸', 'a'.repeat(32)), weight: 1 },
      );
    case 'ID':
      return fc.oneof(
        { arbitrary: fc.constantFrom(...pools.ids), weight: 5 },
        { arbitrary: fc.integer({ min: 1, max: 60 }).map(String), weight: 2 },
      );
    case 'Int':
      return fc.oneof(
        { arbitrary: fc.integer({ min: 0, max: 40 }), weight: 4 },
        { arbitrary: fc.constantFrom(1, 2, 3, 12, 30, 120, 365, 3650, 10_000, 525_600, 2_147_483_647), weight: 2 },
      );
    case 'Float':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'Boolean':
      return fc.boolean();
    case 'Money':
      return fc.oneof(
        { arbitrary: fc.bigInt({ min: 1n, max: 50_000n }).map(cents), weight: 4 },
        { arbitrary: fc.constantFrom('0', '0.01', '-5.00', '1000000000.00', '90071992547409.91'), weight: 1 },
      );
    case 'Decimal':
      return fc.oneof(
        { arbitrary: fc.bigInt({ min: 0n, max: 1_000_000_000n }).map(micros), weight: 4 },
        { arbitrary: fc.constantFrom('0', '0.000001', '100', '9007199254.740991'), weight: 1 },
      );
    case 'Date':
      return fc.oneof(
        { arbitrary: nearDays.map(isoDay), weight: 6 },
        { arbitrary: fc.constantFrom('1970-01-01', '2020-01-01', '2024-02-29', '2199-12-30', '2199-12-31'), weight: 2 },
      );
    case 'DateTime':
      return fc.oneof(
        { arbitrary: nearDays.map((d) => d.toISOString()), weight: 4 },
        { arbitrary: fc.constantFrom('1970-01-01T00:00:00.000Z', '2199-12-31T23:59:59.999Z', '2199-12-31T09:59:59.999-14:00'), weight: 1 },
      );
    case 'JSON':
      return fc.jsonValue({ maxDepth: 2 });
    default:
      throw new Error(`add plausible values for scalar ${name} in test/support/hostile-values.ts`);
  }
}

/** Values of the right shape, each one the scalar admits: they get past the argument checks into the services' own rules. */
export function plausibleValue(type: GraphQLInputType, pools: Pools, name: string): fc.Arbitrary<unknown> {
  const inner = getNullableType(type);
  let value: fc.Arbitrary<unknown>;
  if (isListType(inner)) value = fc.array(plausibleValue(inner.ofType, pools, name), { maxLength: 3 });
  else if (isEnumType(inner)) value = fc.constantFrom(...inner.getValues().map((v) => v.name));
  else if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields());
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const f of fields) model[f.name] = plausibleValue(f.type, pools, f.name);
    value = fc.record(model, {
      requiredKeys: fields.filter((f) => isNonNullType(f.type) && f.defaultValue === undefined).map((f) => f.name),
    });
  } else if (isScalarType(inner)) value = plausibleScalar(inner.name, pools, name);
  else throw new Error(`no plausible values for ${String(type)}`);
  return isNonNullType(type) ? value : fc.oneof({ arbitrary: value, weight: 4 }, { arbitrary: fc.constant(null), weight: 1 });
}

const isRequired = (arg: GraphQLArgument): boolean => isNonNullType(arg.type) && arg.defaultValue === undefined;

/**
 * Arguments for the root field, half the time plausible throughout (to reach
 * the services' rules with extreme but admissible values), half the time
 * hostile anywhere. Required arguments are always sent; optional ones sometimes left out.
 */
export function hostileArgs(field: GraphQLField<unknown, unknown>, pools: Pools): fc.Arbitrary<Record<string, unknown>> {
  const required = field.args.filter(isRequired).map((a) => a.name);
  const hostile: Record<string, fc.Arbitrary<unknown>> = {};
  const plausible: Record<string, fc.Arbitrary<unknown>> = {};
  for (const arg of field.args) {
    hostile[arg.name] = hostileValue(arg.type, pools);
    plausible[arg.name] = plausibleValue(arg.type, pools, arg.name);
  }
  return fc.oneof(fc.record(plausible, { requiredKeys: required }), fc.record(hostile, { requiredKeys: required }));
}

/** The mutation calling the field with exactly the variables given, declared with the argument types. */
export function mutationWith(field: GraphQLField<unknown, unknown>, variables: Record<string, unknown>): string {
  const args = field.args.filter((a) => a.name in variables);
  const declared = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `mutation${declared ? ` (${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`;
}
