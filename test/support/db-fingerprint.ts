import type { TestHub } from './hub';
import { sql } from './sql';

/**
 * Tables whose rows move between them on their own: the relay numbers each
 * committed outbox row and moves it to event. Only their total is a fact about
 * what the API changed.
 */
const MOVING = ['outbox', 'event'];
const IGNORED = new Set(['migrations', 'typeorm_metadata']);

export interface Fingerprinter {
  tables: string[];
  /** A summary of every table that any write to it would change (counts, sums, lengths, latest dates), per status where there is one. */
  take(): Promise<Record<string, string[]>>;
}

type Kind = 'number' | 'text' | 'time';

function kindOf(type: string): Kind {
  const t = type.toLowerCase();
  if (/int|bool|numeric|decimal|real|double|float/.test(t)) return 'number';
  if (/date|time/.test(t)) return 'time';
  return 'text';
}

const quote = (name: string): string => `"${name}"`;
const backtick = (name: string): string => `\`${name}\``;

/**
 * Reads the database's own catalog once, so that tables added later are summed
 * too, and builds one aggregate per table: COUNT(*), and for each column the
 * sum (numbers), the total length (text) or the latest value (dates), with the
 * count of non-null values. Grouped by status where a table has one, so a
 * status change shows even when totals stay equal. CONCAT_WS exists in both
 * MySQL and SQLite (3.44 and later), so the whole summary is one statement.
 */
export async function fingerprinter(t: TestHub): Promise<Fingerprinter> {
  const mysql = t.hub.db.dialect === 'mysql';
  const q = mysql ? backtick : quote;
  const columns = new Map<string, Array<{ name: string; kind: Kind }>>();
  if (mysql) {
    const rows = await sql(
      t,
      `SELECT table_name AS t, column_name AS c, data_type AS d FROM information_schema.columns
        WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position`,
    );
    for (const r of rows) {
      const list = columns.get(String(r.t)) ?? [];
      list.push({ name: String(r.c), kind: kindOf(String(r.d)) });
      columns.set(String(r.t), list);
    }
  } else {
    const tables = await sql(t, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    for (const { name } of tables) {
      const info = await sql(t, `PRAGMA table_info(${quote(String(name))})`);
      columns.set(
        String(name),
        info.map((c) => ({ name: String(c.name), kind: kindOf(String(c.type)) })),
      );
    }
  }

  const parts: string[] = [];
  const tables: string[] = [];
  for (const [table, cols] of [...columns.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (IGNORED.has(table) || MOVING.includes(table)) continue;
    tables.push(table);
    const aggregates = ['COUNT(*)'];
    for (const c of cols) {
      const col = q(c.name);
      // A NULL aggregate (an empty table, an all-NULL column) still takes its place in the text.
      if (c.kind === 'number') aggregates.push(`COALESCE(SUM(${col}), '-')`);
      else if (c.kind === 'text') aggregates.push(`COALESCE(SUM(LENGTH(${col})), '-')`);
      else aggregates.push(`COALESCE(MAX(${col}), '-')`);
      aggregates.push(`COUNT(${col})`);
    }
    const grouped = cols.some((c) => c.name === 'status');
    const group = grouped ? q('status') : "''";
    parts.push(
      `SELECT '${table}' AS tbl, ${group} AS grp, CONCAT_WS('|', ${aggregates.join(', ')}) AS agg FROM ${q(table)}${grouped ? ` GROUP BY ${q('status')}` : ''}`,
    );
  }
  const moving = MOVING.filter((m) => columns.has(m));
  if (moving.length > 0) {
    // In the same statement, so a move the relay commits meanwhile is seen entirely or not at all.
    parts.push(`SELECT '${moving.join('+')}' AS tbl, '' AS grp, ${moving.map((m) => `(SELECT COUNT(*) FROM ${q(m)})`).join(' + ')} AS agg`);
  }
  // One statement for the whole database: a consistent view, and one round trip per look.
  const statement = `${parts.join('\nUNION ALL ')}\nORDER BY tbl, grp`;

  return {
    tables,
    take: async () => {
      const print: Record<string, string[]> = {};
      for (const row of await sql(t, statement)) {
        const table = String(row.tbl);
        (print[table] ??= []).push(`${String(row.grp)}:${String(row.agg)}`);
      }
      return print;
    },
  };
}
