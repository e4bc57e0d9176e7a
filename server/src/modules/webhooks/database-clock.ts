import type { Dialect } from '../../db/columns';

/**
 * The database's clock, `ms` from now, as an SQL expression comparable with a
 * timestamp column as db/columns.ts stores it: DATETIME(3) in UTC on
 * MySQL/MariaDB (the hub's connections write dates with `timezone: 'Z'`, so
 * UTC_TIMESTAMP rather than NOW, which follows the session's time zone), and
 * UTC text `YYYY-MM-DD HH:MM:SS.SSS` on SQLite (TypeORM's form, which sorts as
 * it compares). Leases and due times compared with it mean the same instant to
 * every process, whatever each one's own clock says. `ms` is bound as the one
 * parameter the expression takes.
 */
export function databaseTime(dialect: Dialect, ms: number): { sql: string; param: number | string } {
  const whole = Math.round(ms);
  if (dialect === 'mysql') return { sql: 'UTC_TIMESTAMP(3) + INTERVAL ? MICROSECOND', param: whole * 1000 };
  return { sql: "strftime('%Y-%m-%d %H:%M:%f', 'now', ?)", param: `${whole >= 0 ? '+' : ''}${(whole / 1000).toFixed(3)} seconds` };
}

/** The database's clock now, in milliseconds since the epoch, as a SELECT's one column `ms`. */
export function databaseNowSql(dialect: Dialect): string {
  // From UTC_TIMESTAMP, like databaseTime: UNIX_TIMESTAMP(NOW()) would go through the session's time zone.
  if (dialect === 'mysql') return "SELECT TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(3)) DIV 1000 AS ms";
  return "SELECT CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS ms";
}
