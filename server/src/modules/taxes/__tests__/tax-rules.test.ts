import { InvoiceLineKind } from '../../billing/billing.entity';
import { checkNoTaxOverlap, normalizeTaxKey, validateTaxRate } from '../tax-rules';

const input = (over: Partial<Parameters<typeof validateTaxRate>[0]> = {}) => ({
  zone: 'ca',
  code: 'state_1',
  name: ' State sales tax ',
  percent: 6_250_000,
  appliesTo: [InvoiceLineKind.FIXED, InvoiceLineKind.USAGE, InvoiceLineKind.USAGE],
  effectiveFrom: '2026-01-01',
  ...over,
});

describe('validateTaxRate', () => {
  it('stores zone and code upper-case, trims the name and lists each kind once', () => {
    expect(validateTaxRate(input())).toEqual({
      zone: 'CA',
      code: 'STATE_1',
      name: 'State sales tax',
      percent: 6_250_000,
      appliesTo: ['USAGE', 'FIXED'],
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
    });
  });

  it('accepts 0 and 100 percent', () => {
    expect(validateTaxRate(input({ percent: 0 })).percent).toBe(0);
    expect(validateTaxRate(input({ percent: 100_000_000 })).percent).toBe(100_000_000);
  });

  it.each([
    ['a negative percent', { percent: -1 }, /percent must be from 0 to 100/],
    ['a percent over 100', { percent: 100_000_001 }, /percent must be from 0 to 100/],
    ['an empty appliesTo', { appliesTo: [] }, /appliesTo must list at least one/],
    ['TAX in appliesTo', { appliesTo: [InvoiceLineKind.TAX] }, /must not list TAX/],
    ['a zone with a dash', { zone: 'CA-1' }, /Tax zone "CA-1" may use letters, digits and _ only/],
    ['a code with a space', { code: 'CITY TAX' }, /Tax code "CITY TAX"/],
    ['an empty zone', { zone: ' ' }, /Tax zone must not be empty/],
    ['a long code', { code: 'X'.repeat(33) }, /at most 32/],
    ['an end not after the start', { effectiveTo: '2026-01-01' }, /effectiveTo 2026-01-01 must be after/],
  ])('refuses %s', (_what, over, message) => {
    expect(() => validateTaxRate(input(over))).toThrow(message);
  });
});

describe('checkNoTaxOverlap', () => {
  const existing = [
    { id: '7', zone: 'CA', code: 'STATE', effectiveFrom: '2026-01-01', effectiveTo: '2026-04-01' },
    { id: '8', zone: 'CA', code: 'CITY', effectiveFrom: '2026-01-01', effectiveTo: null },
  ];

  it('names the rate of the same zone and code that a new one overlaps', () => {
    expect(() => checkNoTaxOverlap(existing, { zone: 'CA', code: 'STATE', effectiveFrom: '2026-03-31', effectiveTo: null })).toThrow(
      'The CA STATE tax rate from 2026-03-31 to open end overlaps tax rate 7 from 2026-01-01 to 2026-04-01',
    );
  });

  it('lets one start the day the other ends, and ignores other codes, zones and the rate itself', () => {
    expect(() => checkNoTaxOverlap(existing, { zone: 'CA', code: 'STATE', effectiveFrom: '2026-04-01', effectiveTo: null })).not.toThrow();
    expect(() => checkNoTaxOverlap(existing, { zone: 'NV', code: 'CITY', effectiveFrom: '2026-01-01', effectiveTo: null })).not.toThrow();
    expect(() => checkNoTaxOverlap(existing, { ...existing[0], effectiveTo: '2026-05-01' })).not.toThrow();
  });
});

describe('normalizeTaxKey', () => {
  it('upper-cases letters, digits and _', () => {
    expect(normalizeTaxKey(' default ', 'zone')).toBe('DEFAULT');
  });
});
