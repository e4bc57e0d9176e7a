import { gqlOk } from '../support/client';
import { addDays, todayIn } from '../../server/src/common/dates';
import { publishedProduct } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { eventually } from '../support/wait';

// Far from UTC, so "today" is visibly the retailer's: for half of every UTC day it is already tomorrow there.
const ZONE = 'Pacific/Kiritimati';
let t: TestHub;

beforeAll(async () => {
  t = await startTestHub({ HUB_TIMEZONE: ZONE });
});
afterAll(async () => t.stop());

const PRODUCT = 'query($id: ID!) { product(id: $id) { status version salesEnd } }';
const productState = async (id: string) => (await gqlOk(t.url, PRODUCT, { id }, t.adminToken)).product;
const onSale = async (on: string): Promise<Array<{ id: string; status: string }>> =>
  (await gqlOk(t.url, 'query($on: Date) { availableProducts(on: $on) { id status } }', { on }, t.adminToken)).availableProducts;

async function changesOf(productId: string): Promise<string[]> {
  const data = await gqlOk(t.url, '{ events(types: [PRODUCT_CHANGED], first: 500) { nodes { subjectId payload } } }', {}, t.adminToken);
  return data.events.nodes
    .filter((n: { subjectId: string }) => n.subjectId === productId)
    .map((n: { payload: { change: string } }) => n.payload.change);
}

describe('scheduled launches and ends', () => {
  it('announce SALES_STARTED and SALES_ENDED once, on the day in HUB_TIMEZONE, however many sweeps run at once', async () => {
    const today = todayIn(ZONE);
    const tomorrow = addDays(today, 1);
    const launching = await publishedProduct(t, {}, tomorrow);
    const launchedToday = await publishedProduct(t, {}, today);
    const migrated = await publishedProduct(t, {}, '2025-01-01');
    const ending = await publishedProduct(t, {}, '2025-06-01');
    await gqlOk(
      t.url,
      'mutation($id: ID!, $d: Date) { retireProduct(id: $id, salesEnd: $d) { id } }',
      { id: ending.id, d: tomorrow },
      t.adminToken,
    );

    // Retired for tomorrow, it is still ACTIVE and on sale today, as the partner catalog lists ACTIVE products only.
    expect(await productState(ending.id)).toMatchObject({ status: 'ACTIVE', salesEnd: tomorrow });
    expect(await onSale(today)).toContainEqual({ id: ending.id, status: 'ACTIVE' });
    const { version } = await productState(ending.id);

    const calendar = t.hub.services.salesCalendar;
    // Today: the launch published today was announced by its publication; nothing else has come.
    expect(await calendar.sweepOnce()).toBe(0);
    const tomorrowNoon = new Date(Date.now() + 24 * 3600 * 1000);
    expect(todayIn(ZONE, tomorrowNoon)).toBe(tomorrow);
    const counts = await Promise.all([
      calendar.sweepOnce(tomorrowNoon),
      calendar.sweepOnce(tomorrowNoon),
      calendar.sweepOnce(tomorrowNoon),
    ]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2);

    await eventually('the announcements numbered', async () => (await changesOf(ending.id)).includes('SALES_ENDED'));
    expect(await changesOf(launching.id)).toEqual(['CREATED', 'PUBLISHED', 'SALES_STARTED']);
    expect(await changesOf(ending.id)).toEqual(['CREATED', 'PUBLISHED', 'RETIRED', 'SALES_ENDED']);
    expect(await changesOf(launchedToday.id)).toEqual(['CREATED', 'PUBLISHED']);
    expect(await changesOf(migrated.id)).toEqual(['CREATED', 'PUBLISHED']);
    expect(await calendar.sweepOnce(tomorrowNoon)).toBe(0);
    // Its end came: RETIRED, at a new version, and out of the catalog.
    expect(await productState(ending.id)).toMatchObject({ status: 'RETIRED', version: version + 1 });
    expect((await onSale(tomorrow)).map((p) => p.id)).not.toContain(ending.id);
  });

  it('retires a product whose end passed unannounced, once, and puts one whose sales reopen back on sale', async () => {
    const today = todayIn(ZONE);
    const product = await publishedProduct(t, {}, '2025-01-01');
    const UPDATE =
      'mutation($id: ID!, $input: UpdateProductInput!, $v: Int!) { updateProduct(id: $id, input: $input, expectedVersion: $v) { status } }';
    // The end moved to yesterday: the day passed with no announcement.
    const moved = await gqlOk(
      t.url,
      UPDATE,
      { id: product.id, input: { salesEnd: addDays(today, -1) }, v: (await productState(product.id)).version },
      t.adminToken,
    );
    expect(moved.updateProduct.status).toBe('ACTIVE');
    const calendar = t.hub.services.salesCalendar;
    const counts = await Promise.all([calendar.sweepOnce(), calendar.sweepOnce()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await calendar.sweepOnce()).toBe(0);
    expect((await productState(product.id)).status).toBe('RETIRED');
    await eventually('SALES_ENDED numbered', async () => (await changesOf(product.id)).includes('SALES_ENDED'));

    // Sales reopened until next month: ACTIVE and on sale again, and the new end is announced when it comes.
    const reopened = await gqlOk(
      t.url,
      UPDATE,
      { id: product.id, input: { salesEnd: addDays(today, 30) }, v: (await productState(product.id)).version },
      t.adminToken,
    );
    expect(reopened.updateProduct.status).toBe('ACTIVE');
    expect(await onSale(today)).toContainEqual({ id: product.id, status: 'ACTIVE' });
    expect(await calendar.sweepOnce()).toBe(0);
  });
});
