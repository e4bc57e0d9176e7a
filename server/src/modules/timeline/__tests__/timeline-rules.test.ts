import fc from 'fast-check';
import {
  collectionsActionTitle,
  comparePositions,
  cursorRule,
  decodeTimelineCursor,
  encodeTimelineCursor,
  KIND_ORDER,
  shownActor,
  type TimelinePosition,
} from '../timeline-rules';
import { TimelineKind } from '../timeline-kind';

/** What one table answers after a cursor, the way the service asks it in SQL. */
function sourceAfter(rows: TimelinePosition[], kind: TimelineKind, after: TimelinePosition | null, limit: number): TimelinePosition[] {
  const rule = after ? cursorRule(kind, after) : null;
  return rows
    .filter((r) => r.kind === kind)
    .filter((r) => {
      if (!after) return true;
      const at = r.at.getTime();
      const cAt = after.at.getTime();
      if (rule === 'BEFORE') return at < cAt;
      if (rule === 'AT_OR_BEFORE') return at <= cAt;
      return at < cAt || (at === cAt && BigInt(r.id) < BigInt(after.id));
    })
    .sort((a, b) => b.at.getTime() - a.at.getTime() || (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
    .slice(0, limit);
}

function readAll(rows: TimelinePosition[], first: number): TimelinePosition[] {
  const seen: TimelinePosition[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard <= rows.length + 1; guard++) {
    const after = cursor ? decodeTimelineCursor(cursor) : null;
    const merged = KIND_ORDER.flatMap((k) => sourceAfter(rows, k, after, first + 1)).sort(comparePositions);
    const page = merged.slice(0, first);
    seen.push(...page);
    if (merged.length <= first) break;
    cursor = encodeTimelineCursor(page[page.length - 1]);
  }
  return seen;
}

describe('timeline paging', () => {
  it('reads every entry once, newest first, even when many share a moment', () => {
    const row = fc.record({
      at: fc.integer({ min: 0, max: 4 }).map((s) => new Date(Date.UTC(2026, 0, 1, 0, 0, s))),
      kind: fc.constantFrom(...KIND_ORDER),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), fc.integer({ min: 1, max: 6 }), (raw, first) => {
        const rows = raw.map((r, i) => ({ ...r, id: String(i + 1) }));
        const expected = [...rows].sort(comparePositions);
        expect(readAll(rows, first)).toEqual(expected);
      }),
    );
  });

  it('refuses a cursor it did not give out', () => {
    expect(() => decodeTimelineCursor('bm9wZQ')).toThrow(/not a timeline cursor/);
    expect(() => decodeTimelineCursor(Buffer.from('t:1:NOPE:3').toString('base64url'))).toThrow(/not a timeline cursor/);
    const p = { at: new Date(1_700_000_000_123), kind: TimelineKind.DISPUTE, id: '42' };
    expect(decodeTimelineCursor(encodeTimelineCursor(p))).toEqual(p);
  });
});

describe('shownActor', () => {
  it('shows nobody for the hub itself and hides API key names from readers other than admins', () => {
    expect(shownActor('system', true)).toBeNull();
    expect(shownActor(null, false)).toBeNull();
    expect(shownActor('olga', false)).toBe('olga');
    expect(shownActor('apikey:erp', false)).toBe('apikey');
    expect(shownActor('apikey:erp', true)).toBe('apikey:erp');
  });
});

describe('collectionsActionTitle', () => {
  it('names the action, the step and its place on its path, never the internal step key', () => {
    const step = { name: 'Final notice', position: 4, pathName: 'Standard' };
    expect(collectionsActionTitle('MARKET_DROP', step)).toBe('Collections: market drop "Final notice" (step 4 of path "Standard")');
    expect(collectionsActionTitle('LETTER', undefined)).toBe('Collections: letter');
  });
});
