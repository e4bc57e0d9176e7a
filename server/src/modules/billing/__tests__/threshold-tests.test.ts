import { runThresholdTests, testBillSwing, testHighAmount, testHighConsumption } from '../threshold-tests';
import { computed, enrollment, january, product } from './invoice-fixtures';

describe('threshold tests', () => {
  describe('HIGH_CONSUMPTION', () => {
    // 300 + 280 + 310 = 890 kWh over 30 + 28 + 31 = 89 days = 10 kWh/day; the fourth is older and ignored
    // (with it: 5890 / 120 = 49.08 kWh/day, and the failing case below would pass).
    const history = [
      { quantity: 300_000_000, days: 30 },
      { quantity: 280_000_000, days: 28 },
      { quantity: 310_000_000, days: 31 },
      { quantity: 5_000_000_000, days: 31 },
    ];
    const factor = 2_000_000;

    it('passes at exactly factor x the average and fails just above it', () => {
      // 620 kWh / 31 days = 20 kWh/day = 2 x 10: not more than the limit
      expect(testHighConsumption({ quantity: 620_000_000, days: 31 }, history, factor, 'kWh')).toBeNull();
      // 620.000001 / 31 = 20.00000003 > 20
      const failure = testHighConsumption({ quantity: 620_000_001, days: 31 }, history, factor, 'kWh');
      expect(failure?.code).toBe('HIGH_CONSUMPTION');
    });

    it('says how far over the limit the use is', () => {
      // 3 x 363 kWh / 90 days = 12.1 kWh/day; 1277.2 kWh / 31 days = 41.2 kWh/day; 41.2 / 12.1 = 3.40495... -> 3.41 (rounded up)
      const past = [1, 2, 3].map(() => ({ quantity: 363_000_000, days: 30 }));
      expect(testHighConsumption({ quantity: 1_277_200_000, days: 31 }, past, factor, 'kWh')).toEqual({
        code: 'HIGH_CONSUMPTION',
        message: "Average daily use 41.2 kWh is 3.41 x the last three invoices' 12.1 kWh; limit 2 x",
      });
      // One past invoice: 20 kWh / 10 days = 2/day; 310 / 31 = 10/day = 5 x
      expect(testHighConsumption({ quantity: 310_000_000, days: 31 }, [{ quantity: 20_000_000, days: 10 }], factor, 'kWh')?.message).toBe(
        "Average daily use 10 kWh is 5 x the last invoice's 2 kWh; limit 2 x",
      );
    });

    it('does not test without history or with no past use', () => {
      expect(testHighConsumption({ quantity: 9_000_000_000, days: 31 }, [], factor, 'kWh')).toBeNull();
      expect(testHighConsumption({ quantity: 9_000_000_000, days: 31 }, [{ quantity: 0, days: 31 }], factor, 'kWh')).toBeNull();
    });
  });

  describe('BILL_SWING', () => {
    const fifty = 50_000_000;

    it('passes at exactly swingPercent either way and fails one cent beyond', () => {
      // |150.00 - 100.00| / 100.00 x 100 = 50% -> pass; 150.01 -> 50.01% -> fail
      expect(testBillSwing(15_000, 10_000, fifty)).toBeNull();
      expect(testBillSwing(15_001, 10_000, fifty)).toEqual({
        code: 'BILL_SWING',
        message: "Total 150.01 is 50.01% above the previous invoice's 100.00; limit 50%",
      });
      // |50.00 - 100.00| / 100.00 x 100 = 50% -> pass; 49.99 -> 50.01% -> fail
      expect(testBillSwing(5_000, 10_000, fifty)).toBeNull();
      expect(testBillSwing(4_999, 10_000, fifty)?.message).toBe("Total 49.99 is 50.01% below the previous invoice's 100.00; limit 50%");
    });

    it('does not test without a previous invoice or when it was zero', () => {
      expect(testBillSwing(99_999, null, fifty)).toBeNull();
      expect(testBillSwing(99_999, 0, fifty)).toBeNull();
    });
  });

  describe('HIGH_AMOUNT', () => {
    it('passes at the maximum and fails one cent over; null disables it', () => {
      expect(testHighAmount(100_000, 100_000)).toBeNull();
      expect(testHighAmount(100_001, 100_000)).toEqual({
        code: 'HIGH_AMOUNT',
        message: 'Total 1000.01 is over the maximum invoice amount of 1000.00',
      });
      expect(testHighAmount(99_999_999, null)).toBeNull();
    });
  });

  it('runs every test on a computed invoice against the newest past invoices', () => {
    const invoice = computed({ reads: [january(412_500_000)], enrollments: [enrollment()], products: [product()] });
    const rules = { highConsumptionFactor: 2_000_000, swingPercent: 50_000_000, maxInvoiceAmount: null };
    // 412.5 / 31 vs 100 / 31 kWh/day: 4.125 x > 2 x; 64.61 vs 30.00: 115.37% > 50%; no maximum
    const december = { total: 3000, quantity: 100_000_000, days: 31, periodEnd: '2026-01-01' };
    const failures = runThresholdTests(invoice, rules, [december]);
    expect(failures.map((f) => f.code)).toEqual(['HIGH_CONSUMPTION', 'BILL_SWING']);
    expect(runThresholdTests(invoice, rules, [])).toEqual([]);
  });

  it("compares with the invoices before the one tested, not with later months' (January billed again after a void)", () => {
    const invoice = computed({ reads: [january(412_500_000)], enrollments: [enrollment()], products: [product()] });
    const rules = { highConsumptionFactor: 2_000_000, swingPercent: 50_000_000, maxInvoiceAmount: null };
    // February and March (later, newest first) would make January a swing of over 50 % and a spike; December is its past.
    const latest = [
      { total: 40_000, quantity: 1_000_000_000, days: 31, periodEnd: '2026-04-01' },
      { total: 30_000, quantity: 900_000_000, days: 28, periodEnd: '2026-03-01' },
      { total: 6_000, quantity: 400_000_000, days: 31, periodEnd: '2026-01-01' },
    ];
    expect(runThresholdTests(invoice, rules, latest)).toEqual([]);
    expect(runThresholdTests(invoice, rules, latest.slice(0, 2))).toEqual([]);
    // With December at 30.00 and 100 kWh, January fails both, as above.
    latest[2] = { total: 3000, quantity: 100_000_000, days: 31, periodEnd: '2026-01-01' };
    expect(runThresholdTests(invoice, rules, latest).map((f) => f.code)).toEqual(['HIGH_CONSUMPTION', 'BILL_SWING']);
  });

  it("weighs no rebill of corrected reads against the previous bill's total, yet still tests its use and amount", () => {
    const rules = { highConsumptionFactor: 2_000_000, swingPercent: 50_000_000, maxInvoiceAmount: 1_000 };
    const december = { total: 10_126, quantity: 100_000_000, days: 31, periodEnd: '2026-01-01' };
    // 20 kWh replacing an estimate: 2.65, no fixed charge; a month's bill of 2.65 after 101.26 would swing 97.38 %.
    const rebill = computed({
      reads: [{ ...january(20_000_000), correction: 'Corrects INV-00000611' }],
      enrollments: [enrollment()],
      products: [product()],
    });
    expect(rebill).toMatchObject({ rebill: true, total: 265 });
    expect(rebill.lines.map((l) => l.kind)).toEqual(['USAGE']);
    expect(runThresholdTests(rebill, rules, [december])).toEqual([]);
    const month = computed({ reads: [january(20_000_000)], enrollments: [enrollment()], products: [product()] });
    expect(month.rebill).toBe(false);
    expect(runThresholdTests({ ...month, total: 265 }, rules, [december]).map((f) => f.code)).toEqual(['BILL_SWING']);
    // A corrected read of four times the use, or over the maximum, is held all the same.
    const spike = computed({
      reads: [{ ...january(412_500_000), correction: 'Corrects INV-00000611' }],
      enrollments: [enrollment()],
      products: [product()],
    });
    expect(runThresholdTests(spike, rules, [december]).map((f) => f.code)).toEqual(['HIGH_CONSUMPTION', 'HIGH_AMOUNT']);
  });
});
