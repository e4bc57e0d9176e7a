import { QueryResult, type EntityManager, type QueryRunner } from 'typeorm';

/** One SQL statement and its values, bound as the driver needs them (database.ts's Statement). */
interface SqlText {
  sql: string;
  params: unknown[];
}

/**
 * Opens the transaction on runner with its first statement, in that
 * statement's round trip, rather than in a round trip of its own: the opening
 * statements go in front of it and their results are taken off its answer.
 * Returns what is still to send if no statement came (the queued writes then
 * carry it). MySQL only (multipleStatements). TypeORM is told the transaction
 * is open, so a savepoint inside it is one.
 */
export function beginWithFirstStatement(runner: QueryRunner, opening: string[]): { unsent(): SqlText[] } {
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = true;
  state.transactionDepth = 1;
  let sent = false;
  const query = runner.query.bind(runner);
  runner.query = (async (sql: string, params?: unknown[], structured?: boolean) => {
    runner.query = query;
    sent = true;
    const result = (await query(`${opening.join(';\n')};\n${sql}`, params, true)) as QueryResult;
    const own = (result.raw as unknown[]).slice(opening.length);
    const raw = own.length === 1 ? own[0] : own;
    if (!structured) return raw;
    const answer = new QueryResult();
    answer.raw = raw;
    answer.records = Array.isArray(raw) ? raw : [];
    const affected = (raw as { affectedRows?: number } | null)?.affectedRows;
    if (affected !== undefined) answer.affected = affected;
    return answer;
  }) as QueryRunner['query'];
  return { unsent: () => (sent ? [] : opening.map((sql) => ({ sql, params: [] }))) };
}

/** What one statement of runTogether did: the rows it read, the rows it changed, the id it generated. */
export interface StatementResult {
  rows: Array<Record<string, unknown>>;
  affected: number;
  insertId: string | null;
}

/**
 * The statements in em's transaction, in order, in one round trip on MySQL
 * (one after the other on SQLite); the server stops at the first that fails.
 * For a command's statements that need none of one another's answers: a
 * statement after a locking read runs once the lock is held.
 */
export async function runTogether(em: EntityManager, statements: SqlText[]): Promise<StatementResult[]> {
  const runner = em.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('runTogether runs inside a transaction');
  if (em.connection.driver.options.type !== 'mysql') {
    const results: StatementResult[] = [];
    for (const { sql, params } of statements) {
      const result = (await runner.query(sql, params, true)) as QueryResult;
      const rows = (result.records ?? []) as Array<Record<string, unknown>>;
      const insertId = result.affected === undefined || !result.raw ? null : String(result.raw);
      results.push({ rows, affected: result.affected ?? 0, insertId });
    }
    return results;
  }
  const result = (await runner.query(
    statements.map((s) => s.sql).join(';\n'),
    statements.flatMap((s) => s.params),
    true,
  )) as QueryResult;
  const raws = statements.length === 1 ? [result.raw] : (result.raw as unknown[]);
  return raws.map((raw) => {
    if (Array.isArray(raw)) return { rows: raw as Array<Record<string, unknown>>, affected: 0, insertId: null };
    const header = raw as { affectedRows?: number; insertId?: number | string };
    return { rows: [], affected: header.affectedRows ?? 0, insertId: header.insertId ? String(header.insertId) : null };
  });
}
