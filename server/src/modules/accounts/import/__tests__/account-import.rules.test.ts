import 'reflect-metadata';
import { InvalidValue } from '../../../../common/scalars';
import {
  AccountImportCode,
  enrollmentProblem,
  firstRowPerNumber,
  importRowToAccount,
  isRejection,
  normalizeImportRow,
  type ImportRow,
} from '../account-import.rules';
import type { AccountImportInput } from '../account-import.types';

const TODAY = '2026-06-15';

function input(overrides: Partial<AccountImportInput> = {}): AccountImportInput {
  return { number: 'A-1', name: 'Ana', segment: 'vip', ...overrides } as AccountImportInput;
}

function normalized(overrides: Partial<AccountImportInput> = {}): ImportRow {
  const row = normalizeImportRow(input(overrides), 0, TODAY);
  if (isRejection(row)) throw new Error(row.message);
  return row;
}

describe('normalizeImportRow', () => {
  it('normalises the account fields as createAccount does', () => {
    const row = normalized({ number: ' A-1 ', email: ' ', phone: '+1 555', taxZone: 'ny_city' });
    expect(row).toMatchObject({ number: 'A-1', email: null, phone: '+1 555', segment: 'VIP', taxZone: 'NY_CITY', taxExempt: false });
    expect(importRowToAccount(row)).toEqual({
      number: 'A-1',
      name: 'Ana',
      email: null,
      phone: '+1 555',
      segment: 'VIP',
      addressLine1: null,
      addressLine2: null,
      addressCity: null,
      addressRegion: null,
      addressPostalCode: null,
      addressCountry: null,
      delivery: 'PRINT',
      collectionsPathId: null,
      taxZone: 'NY_CITY',
      taxExempt: false,
      taxExemptionRef: null,
    });
  });

  it('takes the address and delivery method as createAccount does', () => {
    const address = { line1: 'Øster Allé 12', city: 'København', postalCode: '2100', country: 'Denmark' };
    const row = normalized({ email: 'ana@example.com', address });
    expect(importRowToAccount(row)).toMatchObject({ addressLine1: 'Øster Allé 12', addressPostalCode: '2100', delivery: 'EMAIL' });
    expect(normalizeImportRow(input({ address: { ...address, postalCode: '21;00' } }), 0, TODAY)).toMatchObject({
      code: AccountImportCode.INVALID_VALUE,
    });
    expect(normalizeImportRow(input({ delivery: 'EMAIL' as never }), 0, TODAY)).toMatchObject({
      code: AccountImportCode.INVALID_VALUE,
      message: expect.stringMatching(/email/),
    });
    expect(normalized().fingerprint).not.toBe(normalized({ address }).fingerprint);
  });

  it('gives the same fingerprint to rows that store the same, and another to any change', () => {
    expect(normalized({ segment: 'VIP' }).fingerprint).toBe(normalized({ segment: 'vip' }).fingerprint);
    expect(normalized().fingerprint).not.toBe(normalized({ taxExempt: true }).fingerprint);
    const balance = [{ legacyNumber: 'X', issueDate: '2026-01-01', dueDate: '2026-02-01', amount: 100 }];
    expect(normalized({ openingBalance: balance }).fingerprint).not.toBe(
      normalized({ openingBalance: [{ ...balance[0], amount: 101 }] }).fingerprint,
    );
  });

  it.each([
    [{ number: 'bad number' }, AccountImportCode.INVALID_VALUE, /Account number/],
    [{ email: 'nope' }, AccountImportCode.INVALID_VALUE, /email/],
    [{ startDate: new InvalidValue('Date', 'Date must be YYYY-MM-DD') }, AccountImportCode.INVALID_VALUE, /^startDate: Date must/],
    [{ productCode: 'P' }, AccountImportCode.INVALID_VALUE, /needs a startDate/],
    [{ promoCode: 'X' }, AccountImportCode.INVALID_VALUE, /without productCode/],
    [{ collectionsPathId: 'abc' }, AccountImportCode.INVALID_VALUE, /not an id/],
  ])('rejects %p', (overrides, code, message) => {
    const row = normalizeImportRow(input(overrides as Partial<AccountImportInput>), 3, TODAY);
    expect(row).toEqual({ index: 3, code, message: expect.stringMatching(message) });
  });

  it.each([
    [[{ legacyNumber: 'X', issueDate: '2026-06-16', dueDate: '2026-07-01', amount: 100 }], /after today/],
    [[{ legacyNumber: 'X', issueDate: '2026-06-01', dueDate: '2026-05-01', amount: 100 }], /before issueDate/],
    [[{ legacyNumber: 'X', issueDate: '2026-06-01', dueDate: '2026-06-01', amount: -5 }], /more than 0/],
    [
      [
        { legacyNumber: 'x-1', issueDate: '2026-06-01', dueDate: '2026-06-01', amount: 5 },
        { legacyNumber: 'X-1', issueDate: '2026-06-01', dueDate: '2026-06-01', amount: 5 },
      ],
      /listed twice/,
    ],
  ])('rejects the opening balance %p', (openingBalance, message) => {
    const row = normalizeImportRow(input({ openingBalance } as Partial<AccountImportInput>), 0, TODAY);
    expect(row).toEqual({ index: 0, code: AccountImportCode.INVALID_OPENING_BALANCE, message: expect.stringMatching(message) });
  });
});

describe('firstRowPerNumber', () => {
  it('keeps the first row of a number, counts identical repeats and refuses different ones', () => {
    const a = { ...normalized(), index: 0 };
    const again = { ...normalized(), index: 1 };
    const other = { ...normalized({ name: 'Other' }), index: 2 };
    const b = { ...normalized({ number: 'B-1' }), index: 3 };
    const split = firstRowPerNumber([a, again, other, b]);
    expect(split.unique.map((r) => r.index)).toEqual([0, 3]);
    expect(split.duplicates).toBe(1);
    expect(split.rejected).toEqual([{ index: 2, code: AccountImportCode.ACCOUNT_EXISTS, message: expect.stringMatching(/Row 0/) }]);
  });
});

describe('enrollmentProblem', () => {
  const product = { code: 'P', status: 'ACTIVE', salesStart: '2024-01-01', salesEnd: '2027-01-01' };
  const enrollment = { productCode: 'P', promoCode: null, startDate: '2025-01-01' };
  it('accepts a product on sale on the start date', () => {
    expect(enrollmentProblem(enrollment, product, undefined)).toBeNull();
  });
  it('names an unknown product, a day outside the sales window and a bad promo code', () => {
    expect(enrollmentProblem(enrollment, undefined, undefined)?.code).toBe(AccountImportCode.UNKNOWN_PRODUCT);
    expect(enrollmentProblem({ ...enrollment, startDate: '2027-01-01' }, product, undefined)?.code).toBe(AccountImportCode.NOT_ON_SALE);
    expect(enrollmentProblem(enrollment, { ...product, status: 'DRAFT' }, undefined)?.code).toBe(AccountImportCode.NOT_ON_SALE);
    const promo = { code: 'W', active: true, validFrom: '2025-02-01', validTo: null };
    expect(enrollmentProblem({ ...enrollment, promoCode: 'W' }, product, undefined)?.message).toMatch(/does not exist/);
    expect(enrollmentProblem({ ...enrollment, promoCode: 'W' }, product, promo)?.message).toMatch(/not valid on 2025-01-01/);
    expect(enrollmentProblem({ ...enrollment, promoCode: 'W' }, product, { ...promo, validFrom: null, active: false })?.message).toMatch(
      /deactivated/,
    );
  });
});
