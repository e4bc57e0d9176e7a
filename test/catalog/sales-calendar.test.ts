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
  });
});
