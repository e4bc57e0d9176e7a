import fc from 'fast-check';
import { format } from 'mysql2';
import { mysqlLiterals } from '../mysql-literals';

const TIMEZONES = ['Z', 'local', '+05:30', '-08:00'];

/** Characters mysql2 escapes or that open a quote, a comment or a placeholder in SQL text. */
const TRICKY = ["'", '"', '\\', '\0', '\b', '\t', '\n', '\r', '\x1a', '?', '??', '`', '--', '/*', '*/', '#', '$$'];

const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.array(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ maxLength: 3 })), { maxLength: 12 }).map((parts) => parts.join('')),
);

const value = fc.oneof(text, fc.integer(), fc.maxSafeInteger(), fc.double(), fc.bigInt(), fc.boolean(), fc.date({ noInvalidDate: false }));

describe('mysqlLiterals', () => {
  it('writes a number, boolean, string or date exactly as mysql2 writes it bound', () => {
    for (const timezone of TIMEZONES) {
      const literal = mysqlLiterals(timezone);
      fc.assert(
        fc.property(value, (v) => literal(v) === format('?', [v], false, timezone)),
        { numRuns: 5_000 },
      );
    }
  });

  it('leaves a statement that mixes literals and placeholders as mysql2 writes it with every value bound', () => {
    // A commit sends statements of literals and statements with parameters in one text: mysql2's walk for `?` must
    // pass over the literals, whatever they hold.
    const literal = mysqlLiterals('Z');
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value, fc.boolean()), { minLength: 1, maxLength: 8 }), (rows) => {
        const bound = rows.flatMap(([a, b]) => [a, b]);
        const allBound = format(
          `INSERT INTO t (a, b) VALUES ${rows.map(() => '(?, ?)').join(', ')}; SELECT ?`,
          [...bound, 'end'],
          false,
          'Z',
        );
        const mixed = rows.map(([a, b, inline]) => (inline ? `(${literal(a)}, ?)` : `(?, ${literal(b)})`));
        const params = rows.map(([a, b, inline]) => (inline ? b : a));
        return format(`INSERT INTO t (a, b) VALUES ${mixed.join(', ')}; SELECT ?`, [...params, 'end'], false, 'Z') === allBound;
      }),
      { numRuns: 3_000 },
    );
  });

  it('leaves other values to be bound', () => {
    const literal = mysqlLiterals('Z');
    for (const v of [Buffer.from('x'), [1, 2], { a: 1 }, new Set([1]), null, undefined]) expect(literal(v)).toBeUndefined();
  });

  it('writes a date it has written before the same way, and a different date differently', () => {
    const literal = mysqlLiterals('Z');
    const at = new Date('2026-12-06T10:11:12.345Z');
    expect(literal(at)).toBe("'2026-12-06 10:11:12.345'");
    expect(literal(new Date(at.getTime()))).toBe("'2026-12-06 10:11:12.345'");
    expect(literal(new Date(at.getTime() + 1))).toBe("'2026-12-06 10:11:12.346'");
    expect(literal(new Date(Number.NaN))).toBe('NULL');
  });
});
