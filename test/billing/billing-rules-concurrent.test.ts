import { gql } from '../support/client';
import { startTestHub, type TestHub } from '../support/hub';
import { sql } from '../support/sql';

/** A segment's rules set by several operators at the same moment, the first time: each call is answered, one row stands. */
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => t?.stop());

it.each(['NEW_A', 'NEW_B', 'NEW_C', 'NEW_D', 'NEW_E'])(
  'answers every one of twenty first settings of segment %s at once, and keeps one row with one of them',
  async (segment) => {
    const set = 'mutation($input: BillingRulesInput!) { setBillingRules(input: $input) { segment paymentTermsDays } }';
    const calls = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        gql(t.url, set, { input: { segment, highConsumptionFactor: '2', swingPercent: '50', paymentTermsDays: 10 + i } }, t.adminToken),
      ),
    );
    expect(calls.map((c) => c.errors ?? null)).toEqual(Array(20).fill(null));
    const rows = await sql(t, 'SELECT payment_terms_days FROM billing_rules WHERE segment = ?', [segment]);
    expect(rows).toHaveLength(1);
    const answered = calls.map((c) => (c.data as { setBillingRules: { paymentTermsDays: number } }).setBillingRules.paymentTermsDays);
    expect(answered).toContain(Number(rows[0].payment_terms_days));
  },
);
