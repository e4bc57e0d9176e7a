import { accountWithInvoices } from '../support/billing';
import { gqlOk } from '../support/client';
import { daysFromToday } from '../support/dates';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { decide, pathOfItsOwn, protectedItems } from '../collections/controls-helpers';

/**
 * Who did something, on the objects every reader sees: an API key's name is
 * for admins (as in the audit log); an operator or integrator reads "apikey".
 */
let t: TestHub;
const KEY = 'back-office-robot';
let operatorKey: string;
let integrator: string;
let account: Awaited<ReturnType<typeof accountWithInvoices>>;
let feeAccount: Awaited<ReturnType<typeof accountWithInvoices>>;

beforeAll(async () => {
  t = await startTestHub();
  operatorKey = await t.apiKey('OPERATOR', KEY);
  integrator = await t.apiKey('INTEGRATOR');
  // A protected customer whose late fee the key takes anyway, on its work item.
  const { segment } = await pathOfItsOwn(t, [{ name: 'Fee', daysPastDue: 1, minPastDue: '0', action: 'LATE_FEE', feeAmount: '5.00' }]);
  feeAccount = await accountWithInvoices(t, [{ start: '2026-01-01', end: '2026-02-01', kwh: 100 }], { segment });
  account = await accountWithInvoices(t, [{ start: '2026-01-01', end: '2026-02-01', kwh: 100 }]);
  const as = (query: string, variables: Record<string, unknown> = {}) => gqlOk(t.url, query, variables, operatorKey);
  const a = account.id;
  // Billed before the charge is added, so that it waits for the next bill.
  await as('mutation { runBilling(asOf: "2026-02-01") { id } }');
  await as('mutation($i: ID!) { creditInvoice(input: { invoiceId: $i, reason: "Goodwill", items: null }) { id } }', {
    i: account.invoices[0].id,
  });
  await as('mutation($a: ID!) { addCharge(input: { accountId: $a, amount: "5.00", description: "Meter test", taxable: false }) { id } }', {
    a,
  });
  await as('mutation($a: ID!, $u: Date!) { holdCollections(accountId: $a, until: $u, reason: "Review") { id } }', {
    a,
    u: daysFromToday(5),
  });
  await as('mutation($a: ID!) { setAccountProtections(accountId: $a, protections: [{ code: "MEDICAL" }]) { id } }', { a });
  await as('mutation($d: Date!) { addBlackoutDate(date: $d, reason: "Storm") { date } }', { d: daysFromToday(40) });
  await as('mutation($a: ID!) { setAccountProtections(accountId: $a, protections: [{ code: "MEDICAL" }]) { id } }', { a: feeAccount.id });
  await as('mutation { runCollections(asOf: "2026-03-01") { id } }');
  const [referred] = await protectedItems(t, feeAccount.number);
  await decide(t, referred.id, true, 'Customer agreed', operatorKey);
});
afterAll(async () => checkMoneyAndStop(t));

const READ = `query($id: ID, $fee: ID) {
  fee: account(id: $fee) { collectionsActions { takenBy } }
  account(id: $id) {
    pendingCharges { createdBy }
    collectionsHold { createdBy }
    protections { setBy }
    invoices(first: 10) { nodes { creditNotes { createdBy } } }
  }
  blackoutDates { addedBy }
  billRuns(first: 1) { nodes { startedBy } }
  collectionsRuns(first: 1) { nodes { startedBy } }
}`;

function names(data: Record<string, any>): string[] {
  return [
    data.account.pendingCharges[0].createdBy,
    data.account.collectionsHold.createdBy,
    data.account.protections[0].setBy,
    data.account.invoices.nodes.flatMap((i: { creditNotes: Array<{ createdBy: string }> }) => i.creditNotes)[0].createdBy,
    data.blackoutDates[0].addedBy,
    data.billRuns.nodes[0].startedBy,
    data.collectionsRuns.nodes[0].startedBy,
    data.fee.collectionsActions[0].takenBy,
  ];
}

it("names the key to admins, and only as 'apikey' to other readers", async () => {
  expect(names(await gqlOk(t.url, READ, { id: account.id, fee: feeAccount.id }, t.adminToken))).toEqual(Array(8).fill(`apikey:${KEY}`));
  expect(names(await gqlOk(t.url, READ, { id: account.id, fee: feeAccount.id }, integrator))).toEqual(Array(8).fill('apikey'));
  expect(names(await gqlOk(t.url, READ, { id: account.id, fee: feeAccount.id }, operatorKey))).toEqual(Array(8).fill('apikey'));
});
