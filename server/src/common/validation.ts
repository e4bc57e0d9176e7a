import { badInput } from './errors/hub-error';

/** Trims and checks a required text argument: present, within its column size. */
export function requireText(
  value: string,
  field: string,
  max: number,
  opts: { min?: number; pattern?: RegExp; hint?: string } = {},
): string {
  const text = value.trim();
  const min = opts.min ?? 1;
  if (text.length < min) throw badInput(min === 1 ? `${field} must not be empty` : `${field} must be at least ${min} characters`);
  if (text.length > max) throw badInput(`${field} must be at most ${max} characters; got ${text.length}`);
  if (opts.pattern && !opts.pattern.test(text))
    throw badInput(`${field} "${text.slice(0, 40)}" ${opts.hint ?? 'has characters that are not allowed'}`);
  return text;
}

/** Like requireText, for an optional argument: null, undefined and blank mean "none". */
export function optionalText(
  value: string | null | undefined,
  field: string,
  max: number,
  opts: { pattern?: RegExp; hint?: string } = {},
): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return requireText(value, field, max, opts);
}

export function requireInt(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(`${field} must be a whole number from ${min} to ${max}; got ${value}`);
  }
  return value;
}

/** Parses an id argument; ids are positive integers. */
export function parseId(value: string, what: string): string {
  if (!/^[1-9]\d{0,15}$/.test(value)) throw badInput(`${what} id "${value.slice(0, 40)}" is not an id this API gave out`);
  return value;
}
