import { netOfCredit } from '../receivable';

const raw = { accountId: '1', open: 6000, pastDue: 4000, oldestPastDue: '2026-01-22', feesPastDue: 0 };
const pastDue = [
  { dueDate: '2026-01-22', open: 1500 },
  { dueDate: '2026-02-22', open: 2500 },
];

describe('netOfCredit', () => {
  it('leaves a receivable without credit as it is', () => {
    expect(netOfCredit(raw, 0, pastDue)).toEqual(raw);
  });

  it('counts nothing past due when the credit covers it all', () => {
    expect(netOfCredit(raw, 4000, pastDue)).toEqual({ ...raw, pastDue: 0, oldestPastDue: null, feesPastDue: 0 });
    expect(netOfCredit(raw, 9000, pastDue)).toEqual({ ...raw, pastDue: 0, oldestPastDue: null, feesPastDue: 0 });
  });

  it('covers the oldest due first: the oldest past-due date is the first invoice not covered in full', () => {
    expect(netOfCredit(raw, 1500, pastDue)).toEqual({ ...raw, pastDue: 2500, oldestPastDue: '2026-02-22' });
    expect(netOfCredit(raw, 1499, pastDue)).toEqual({ ...raw, pastDue: 2501, oldestPastDue: '2026-01-22' });
  });

  it('counts fees at most what is left past due', () => {
    const withFees = { ...raw, feesPastDue: 3000 };
    expect(netOfCredit(withFees, 1500, pastDue)).toMatchObject({ pastDue: 2500, feesPastDue: 2500 });
    expect(netOfCredit(withFees, 500, pastDue)).toMatchObject({ pastDue: 3500, feesPastDue: 3000 });
    expect(netOfCredit(withFees, 4000, pastDue)).toMatchObject({ pastDue: 0, feesPastDue: 0 });
  });

  it('keeps the open amount: the balance subtracts credit on its own', () => {
    expect(netOfCredit(raw, 100, pastDue).open).toBe(6000);
  });
});
