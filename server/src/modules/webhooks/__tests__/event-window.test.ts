import { EventType, type HubEvent } from '../../../events/event-types';
import { EventWindow } from '../event-window';

const payment = (id: number): HubEvent => ({
  id: String(id),
  type: EventType.PAYMENT_RECEIVED,
  occurredAt: new Date('2026-03-01T10:00:00Z'),
  accountNumber: 'A-1',
  subjectId: String(id),
  payload: { amount: '10.00' },
});
const PAYMENTS = new Set([EventType.PAYMENT_RECEIVED]);

describe("the webhook endpoints' window of newest events", () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => (clock = 0));

  it('serves the events of the last minute and leaves older ones to the database, at a low event rate', () => {
    const window = new EventWindow(now);
    // One event every 2 s for 5 minutes: 150 events, far below the window's count.
    for (let id = 1; id <= 150; id++) {
      window.add(payment(id));
      clock += 2_000;
    }
    expect(window.newestId).toBe(150);
    expect(window.range(140, 150, PAYMENTS, 100)?.map((e) => e.id)).toEqual([
      '141',
      '142',
      '143',
      '144',
      '145',
      '146',
      '147',
      '148',
      '149',
      '150',
    ]);
    // Events received more than a minute before the newest: not held any more, so the caller reads the database.
    expect(window.range(100, 150, PAYMENTS, 100)).toBeNull();
    expect(window.range(120, 150, PAYMENTS, 100)?.length).toBe(30);
  });

  it('keeps at most 20,000 events at a high event rate', () => {
    const window = new EventWindow(now);
    for (let id = 1; id <= 25_000; id++) window.add(payment(id));
    // The first 5,000 went: a range that starts among them is read from the database.
    expect(window.range(4_999, 5_010, PAYMENTS, 100)).toBeNull();
    expect(window.range(5_000, 5_010, PAYMENTS, 100)?.map((e) => e.id)[0]).toBe('5001');
  });
});
