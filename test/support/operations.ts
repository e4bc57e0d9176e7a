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

/** Plausible values for each scalar, valid enough to pass argument coercion. */
export const DUMMY_SCALARS: Record<string, unknown> = {
  ID: '999999',
  String: 'x',
  Int: 1,
  Float: 1,
  Boolean: false,
  Date: '2026-01-15',
  DateTime: '2026-01-15T09:30:00.000Z',
  Money: '1.00',
  Decimal: '1',
  JSON: {},
};

/** A value of the input type with every required part filled in (optional parts left out). */
export function dummyValue(type: GraphQLInputType, where: string): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [dummyValue(inner.ofType, where)];
  if (isEnumType(inner)) return inner.getValues()[0].name;
  if (isScalarType(inner)) {
    if (!(inner.name in DUMMY_SCALARS))
      throw new Error(`${where}: add a dummy value for scalar ${inner.name} in test/support/operations.ts`);
    return DUMMY_SCALARS[inner.name];
  }
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined)
        value[field.name] = dummyValue(field.type, `${where}.${field.name}`);
    }
    return value;
  }
  throw new Error(`${where}: no dummy value for ${String(type)}`);
}

function isRequired(arg: GraphQLArgument): boolean {
  return isNonNullType(arg.type) && arg.defaultValue === undefined;
}

/**
 * One operation calling the root field with only its required arguments, as
 * variables filled with dummy values; `overrides` replaces some of them.
 */
export function operationFor(
  kind: 'query' | 'mutation' | 'subscription',
  field: GraphQLField<unknown, unknown>,
  overrides: Record<string, unknown> = {},
): { query: string; variables: Record<string, unknown> } {
  const args = field.args.filter((a) => isRequired(a) || a.name in overrides);
  const variables: Record<string, unknown> = {};
  for (const arg of args)
    variables[arg.name] = arg.name in overrides ? overrides[arg.name] : dummyValue(arg.type, `${field.name}(${arg.name})`);
  const declared = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  const query = `${kind}${declared ? ` (${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`;
  return { query, variables };
}
