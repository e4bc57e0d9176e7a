import { Field, InputType, ObjectType } from 'type-graphql';
import { badInput } from '../../common/errors/hub-error';
import { optionalText, requireText } from '../../common/validation';

@ObjectType({ description: 'A postal address, as printed on bills and letters.' })
export class PostalAddress {
  @Field({ description: 'Street and number.' })
  line1!: string;

  @Field(() => String, { nullable: true, description: 'Flat, floor, building; null when none.' })
  line2!: string | null;

  @Field({ description: 'City or town.' })
  city!: string;

  @Field(() => String, { nullable: true, description: 'State, province or county; null when none.' })
  region!: string | null;

  @Field({ description: 'Postal or ZIP code.' })
  postalCode!: string;

  @Field({ description: 'Country, e.g. US or Norway.' })
  country!: string;
}

@InputType({ description: 'A postal address: line1, city, postalCode and country are required.' })
export class PostalAddressInput {
  @Field({ description: 'Street and number, at most 128 characters.' })
  line1!: string;

  @Field(() => String, { nullable: true, description: 'Flat, floor, building, at most 128 characters.' })
  line2?: string | null;

  @Field({ description: 'City or town, at most 64 characters.' })
  city!: string;

  @Field(() => String, { nullable: true, description: 'State, province or county, at most 64 characters.' })
  region?: string | null;

  @Field({ description: 'Postal or ZIP code: letters, digits, spaces and -, at most 16 characters.' })
  postalCode!: string;

  @Field({ description: 'Country, at most 64 characters.' })
  country!: string;
}

/** The account columns that hold its address. */
export interface AddressColumns {
  addressLine1: string | null;
  addressLine2: string | null;
  addressCity: string | null;
  addressRegion: string | null;
  addressPostalCode: string | null;
  addressCountry: string | null;
}

/** Checks an address argument and gives the columns to store; null clears the address. */
export function addressColumns(input: PostalAddressInput | null): AddressColumns {
  if (input === null) {
    return {
      addressLine1: null,
      addressLine2: null,
      addressCity: null,
      addressRegion: null,
      addressPostalCode: null,
      addressCountry: null,
    };
  }
  if (typeof input !== 'object') throw badInput('address must be an object with line1, city, postalCode and country');
  return {
    addressLine1: requireText(input.line1, 'address.line1', 128),
    addressLine2: optionalText(input.line2, 'address.line2', 128),
    addressCity: requireText(input.city, 'address.city', 64),
    addressRegion: optionalText(input.region, 'address.region', 64),
    addressPostalCode: requireText(input.postalCode, 'address.postalCode', 16, {
      pattern: /^[A-Za-z0-9][A-Za-z0-9 -]*$/,
      hint: 'may use letters, digits, spaces and - only',
    }),
    addressCountry: requireText(input.country, 'address.country', 64),
  };
}

/** The stored columns as a PostalAddress; null when none was given. */
export function postalAddressOf(row: AddressColumns): PostalAddress | null {
  if (!row.addressLine1 || !row.addressCity || !row.addressPostalCode || !row.addressCountry) return null;
  return {
    line1: row.addressLine1,
    line2: row.addressLine2,
    city: row.addressCity,
    region: row.addressRegion,
    postalCode: row.addressPostalCode,
    country: row.addressCountry,
  };
}

/** The address as printed: one line per entry. */
export function addressLines(address: PostalAddress): string[] {
  const cityLine = [address.postalCode, address.city].join(' ') + (address.region ? `, ${address.region}` : '');
  return [address.line1, address.line2, cityLine, address.country].filter((line): line is string => !!line);
}
