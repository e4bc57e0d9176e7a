import { continuedKeys } from '../step-keys';

const old = [
  { action: 'LETTER', daysPastDue: 5, stepKey: 'letter' },
  { action: 'LATE_FEE', daysPastDue: 10, stepKey: 'fee-10' },
  { action: 'LATE_FEE', daysPastDue: 30, stepKey: 'fee-30' },
];

describe('continuedKeys', () => {
  it('keeps the key of the step with the same action and days, then of the next step of the same action', () => {
    const keys = continuedKeys(
      [
        { action: 'LATE_FEE', daysPastDue: 30 },
        { action: 'LATE_FEE', daysPastDue: 12 },
        { action: 'LETTER', daysPastDue: 5 },
      ],
      old,
    );
    expect(keys).toEqual(['fee-30', 'fee-10', 'letter']);
  });

  it('gives a step no old step continues a fresh key of its own', () => {
    const keys = continuedKeys(
      [
        { action: 'MARKET_DROP', daysPastDue: 60 },
        { action: 'LETTER', daysPastDue: 7 },
        { action: 'LETTER', daysPastDue: 9 },
      ],
      old,
    );
    expect(keys[1]).toBe('letter');
    expect(new Set(keys).size).toBe(3);
    for (const key of [keys[0], keys[2]]) expect(old.map((o) => o.stepKey)).not.toContain(key);
  });
});
