import fc from 'fast-check';
import { PreviewTally, SAMPLES_PER_KEY } from '../preview-tally';

describe('PreviewTally', () => {
  it('lists every key given, in order, at 0, and null amounts for keys without one', () => {
    const tally = new PreviewTally(['ISSUED', 'HELD', 'BLOCKED'], new Set(['BLOCKED']));
    expect(tally.result()).toEqual({
      counts: [
        { key: 'ISSUED', count: 0, amount: 0 },
        { key: 'HELD', count: 0, amount: 0 },
        { key: 'BLOCKED', count: 0, amount: null },
      ],
      samples: [],
    });
  });

  it('counts items without an amount by their number', () => {
    const tally = new PreviewTally(['ISSUED', 'NOTHING_TO_BILL'], new Set(['NOTHING_TO_BILL']));
    tally.addCount('NOTHING_TO_BILL', 3);
    expect(tally.result().counts[1]).toEqual({ key: 'NOTHING_TO_BILL', count: 3, amount: null });
  });

  it('adds up counts and cents exactly as a plain sum does, and keeps the first samples of each key in the order of the keys', () => {
    const keys = ['A', 'B', 'C'];
    const item = fc.record({
      key: fc.constantFrom(...keys),
      amount: fc.integer({ min: 0, max: 9_000_000_000 }),
      accountId: fc.integer({ min: 1, max: 1_000_000 }).map(String),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 60 }), (items) => {
        const tally = new PreviewTally(keys);
        for (const i of items) tally.add({ ...i, detail: null });
        const { counts, samples } = tally.result();
        for (const key of keys) {
          const mine = items.filter((i) => i.key === key);
          let sum = 0n;
          for (const i of mine) sum += BigInt(i.amount);
          expect(counts.find((c) => c.key === key)).toEqual({ key, count: mine.length, amount: Number(sum) });
        }
        const expected = keys.flatMap((key) => items.filter((i) => i.key === key).slice(0, SAMPLES_PER_KEY));
        expect(samples.map((s) => [s.key, s.accountId, s.amount])).toEqual(expected.map((s) => [s.key, s.accountId, s.amount]));
      }),
    );
  });
});
