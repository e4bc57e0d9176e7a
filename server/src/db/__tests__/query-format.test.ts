import fc from 'fast-check';
import mysql from 'mysql2';
import { formatUnlessNoValues } from '../data-source';

const connection = { config: { stringifyObjects: false } };
const format = (sql: string, values: unknown, timezone?: string) => formatUnlessNoValues.call(connection, sql, values, timezone);

/** SQL-ish text: placeholders, quotes, comments and escapes among words. */
const sqlText = fc
  .array(fc.constantFrom('SELECT ', '?', '??', "'", '"', '`', '\\', '-- ', '/*', '*/', '#', '\n', 'a = ', ', ', "'it''s?'", 'x'), {
    maxLength: 30,
  })
  .map((parts) => parts.join(''));
const value = fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.boolean(), fc.date({ noInvalidDate: true }));

describe('the MySQL query format', () => {
  it("formats every statement exactly as mysql2's own format does", () => {
    fc.assert(
      fc.property(sqlText, fc.array(value, { maxLength: 4 }), fc.constantFrom('Z', 'local'), (sql, values, timezone) => {
        expect(format(sql, values, timezone)).toBe(mysql.format(sql, values as Parameters<typeof mysql.format>[1], false, timezone));
      }),
      { numRuns: 5_000 },
    );
  });

  it('sends a statement with no values as it is, placeholders and all', () => {
    expect(format("INSERT INTO t (a) VALUES ('?'), (?)", [])).toBe("INSERT INTO t (a) VALUES ('?'), (?)");
    expect(format('SELECT ?', undefined)).toBe('SELECT ?');
    expect(format('SELECT ?, ?', [1, 'x'])).toBe("SELECT 1, 'x'");
  });
});
