import { RecentMap } from '../recent-map';

describe('a map of recent entries', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => (clock = 0));

  it('keeps at most its count, letting the oldest go first', () => {
    const map = new RecentMap<number, string>(3, 60_000, now);
    for (let i = 1; i <= 5; i++) map.set(i, `event ${i}`);
    expect(map.size).toBe(3);
    expect([1, 2, 3, 4, 5].map((i) => map.get(i))).toEqual([undefined, undefined, 'event 3', 'event 4', 'event 5']);
  });

  it('lets go of entries older than its age as new ones come, however few', () => {
    const map = new RecentMap<number, string>(1_000, 60_000, now);
    for (let i = 1; i <= 10; i++) {
      map.set(i, `event ${i}`);
      clock += 10_000;
    }
    // Set at 0, 10 s... 90 s; the last set (at 90 s) keeps those set from 30 s on.
    expect(map.size).toBe(7);
    expect(map.get(3)).toBeUndefined();
    expect(map.get(4)).toBe('event 4');
    expect(map.get(10)).toBe('event 10');
  });

  it('counts an entry set again from its new time', () => {
    const map = new RecentMap<string, number>(2, 60_000, now);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 3);
    map.set('c', 4);
    expect(map.get('a')).toBe(3);
    expect(map.get('b')).toBeUndefined();
    expect(map.get('c')).toBe(4);
  });

  it('counts an entry deleted and set again from its new time, and keeps the newest through many sets', () => {
    const map = new RecentMap<number, number>(3, 60_000, now);
    map.set(1, 1);
    map.set(2, 2);
    map.delete(1);
    map.set(3, 3);
    map.set(1, 10);
    expect([map.size, map.get(1), map.get(2), map.get(3)]).toEqual([3, 10, 2, 3]);
    for (let i = 100; i < 5_000; i++) map.set(i, i);
    expect(map.size).toBe(3);
    expect([map.get(4_997), map.get(4_998), map.get(4_999), map.get(1)]).toEqual([4_997, 4_998, 4_999, undefined]);
  });
});
