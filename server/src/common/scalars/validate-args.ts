import { getNullableType, isInputObjectType, isListType, type GraphQLInputType } from 'graphql';
import type { ValidatorFn } from 'type-graphql';
import { badInput } from '../errors/hub-error';
import { findInvalid } from './invalid-value';

/** The ids this API gives out: whole numbers of at most 16 digits (0 is the events stream's "from the start"). */
const ID_FORMAT = /^(0|[1-9]\d{0,15})$/;
/** A UTF-16 half without its other half: not Unicode text, and stored differently by each database. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const quote = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}...` : text);

/** Every string anywhere in a value (JSON arguments included) must be text a database stores as sent. */
function checkText(value: unknown, path: string): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw badInput(`${path} contains a NUL character (\\u0000); remove it`);
    if (LONE_SURROGATE.test(value)) throw badInput(`${path} contains a lone UTF-16 surrogate, which is not Unicode text; send valid text`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkText(item, `${path}[${i}]`));
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, inner] of Object.entries(value)) checkText(inner, `${path}.${key}`);
  }
}

/** Checks an argument's value against its GraphQL type: ids well formed, strings clean. */
function checkArgument(value: unknown, type: GraphQLInputType, path: string): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (Array.isArray(value)) value.forEach((item, i) => checkArgument(item, nullable.ofType, `${path}[${i}]`));
    return;
  }
  if (isInputObjectType(nullable)) {
    const fields = nullable.getFields();
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[key];
      if (field) checkArgument(inner, field.type, `${path}.${key}`);
    }
    return;
  }
  if (nullable.name === 'ID' && typeof value === 'string' && !ID_FORMAT.test(value)) {
    throw badInput(`${path}: ${quote(value)} is not an id this API gave out; ids are whole numbers such as "42"`);
  }
  checkText(value, path);
}

/** Checks a field's coerced arguments (ids well formed, strings clean); throws BAD_USER_INPUT naming the argument. */
export function checkFieldArguments(
  field: { args: ReadonlyArray<{ name: string; type: GraphQLInputType }> },
  args: Record<string, unknown>,
): void {
  for (const definition of field.args) checkArgument(args[definition.name], definition.type, definition.name);
}

/** Fields whose arguments were checked, by their arguments object: type-graphql validates argument by argument. */
const checked = new WeakSet<object>();

/**
 * Refuses, before the resolver runs: a malformed Date, DateTime, Money or
 * Decimal, naming where it is; an id that is empty or not a number (which
 * would otherwise reach SQL as is); and any string with a NUL character or a
 * lone surrogate. All with BAD_USER_INPUT.
 */
export const validateArgs: ValidatorFn = (argValue, _argType, { args, info }) => {
  const found = findInvalid(argValue);
  if (found) throw badInput(found.path ? `${found.path}: ${found.invalid.message}` : found.invalid.message);
  if (!args || checked.has(args)) return;
  checked.add(args);
  const field = info?.parentType.getFields()[info.fieldName];
  if (field) checkFieldArguments(field, args);
};

/** For arguments whose items are checked one by one by the service (recordUsage). */
export const acceptInvalidItems: ValidatorFn = () => undefined;
