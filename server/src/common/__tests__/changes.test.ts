import { changesNothing } from '../changes';

describe('changesNothing', () => {
  const row = { name: 'Green', fixedCharge: 995, salesEnd: null as string | null, at: new Date('2026-01-01T00:00:00Z'), types: ['A', 'B'] };

  it('is true when every value given is the stored one, dates by time and lists by content', () => {
    expect(changesNothing(row, { name: 'Green', fixedCharge: 995, salesEnd: null })).toBe(true);
    expect(changesNothing(row, { at: new Date('2026-01-01T00:00:00.000Z'), types: ['A', 'B'] })).toBe(true);
    expect(changesNothing(row, {})).toBe(true);
  });

  it('is false as soon as one value differs, null against a value included', () => {
    expect(changesNothing(row, { name: 'Green', fixedCharge: 996 })).toBe(false);
    expect(changesNothing(row, { salesEnd: '2027-01-01' })).toBe(false);
    expect(changesNothing(row, { name: 'green' })).toBe(false);
    expect(changesNothing(row, { at: new Date('2026-01-01T00:00:00.001Z') })).toBe(false);
    expect(changesNothing(row, { types: ['B', 'A'] })).toBe(false);
  });
});
