import type { ValidatorFn } from 'type-graphql';
import { badInput } from '../errors/hub-error';
import { findInvalid } from './invalid-value';

/** Refuses any argument holding a malformed Date, DateTime, Money or Decimal, naming where it is. */
export const validateArgs: ValidatorFn = (argValue) => {
  const found = findInvalid(argValue);
  if (found) throw badInput(found.path ? `${found.path}: ${found.invalid.message}` : found.invalid.message);
};

/** For arguments whose items are checked one by one by the service (recordUsage). */
export const acceptInvalidItems: ValidatorFn = () => undefined;
