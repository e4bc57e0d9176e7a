/** A scalar input that could not be parsed, carried to the argument check with the reason. */
export class InvalidValue {
  constructor(
    readonly scalar: string,
    readonly message: string,
  ) {}
}

/** The first InvalidValue inside an argument, with its path ("rates[1].unitPrice"), or null. */
export function findInvalid(value: unknown, path = ''): { path: string; invalid: InvalidValue } | null {
  if (value instanceof InvalidValue) return { path, invalid: value };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findInvalid(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, inner] of Object.entries(value)) {
      const found = findInvalid(inner, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}
