import { checkRatePrices } from '../rate-rules';

const refused = (input: Parameters<typeof checkRatePrices>[0]) => {
  try {
    checkRatePrices(input);
  } catch (e) {
    return (e as { code?: string }).code ?? 'thrown';
  }
  return 'accepted';
};

describe('rate prices', () => {
  it('takes a flat price, or tiers whose first price becomes the unitPrice', () => {
    expect(checkRatePrices({ unitPrice: 5 })).toEqual({ unitPrice: 5, tiers: null, registerPrices: null });
    expect(checkRatePrices({ tiers: [{ upTo: 10, unitPrice: 3 }, { unitPrice: 4 }] })).toEqual({
      unitPrice: 3,
      tiers: [
        { upTo: 10, unitPrice: 3 },
        { upTo: null, unitPrice: 4 },
      ],
      registerPrices: null,
    });
  });

  it.each([
    ['both', { unitPrice: 1, tiers: [{ unitPrice: 1 }] }],
    ['neither', {}],
    ['descending tiers', { tiers: [{ upTo: 10, unitPrice: 1 }, { upTo: 5, unitPrice: 1 }, { unitPrice: 1 }] }],
    ['closed last tier', { tiers: [{ upTo: 10, unitPrice: 1 }] }],
    ['negative tier price', { tiers: [{ unitPrice: -1 }] }],
    ['TOTAL register', { unitPrice: 1, registerPrices: [{ register: 'TOTAL', unitPrice: 1 }] }],
    ['negative register price', { unitPrice: 1, registerPrices: [{ register: 'ON_PEAK', unitPrice: -1 }] }],
  ])('refuses %s', (_what, input) => {
    expect(refused(input)).toBe('BAD_USER_INPUT');
  });
});
