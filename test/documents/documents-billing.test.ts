import { DateUtils } from 'typeorm/util/DateUtils';
import { accountWithInvoices } from '../support/billing';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { sql } from '../support/sql';

/** Bills are rendered after a bill run, not beside it: the run has the cores to itself. */
let t: TestHub;

beforeAll(async () => {
  t = await startTestHub();
  await t.hub.services.renderWorker.stop();
});
afterAll(() => checkMoneyAndStop(t));

const queued = async () => Number((await sql(t, 'SELECT COUNT(*) AS n FROM document_job'))[0].n);

describe('rendering while a bill run bills', () => {
  it('holds the queued bills while a run is RUNNING and alive, renders them once it has ended, and ignores a run gone silent', async () => {
    const customer = await accountWithInvoices(t, [{ start: '2026-01-01', end: '2026-02-01', kwh: 120 }]);
    expect(customer.invoices).toHaveLength(1);
    expect(await queued()).toBe(1);
    const at = (msAgo: number) => {
      const d = new Date(Date.now() - msAgo);
      return t.hub.db.dialect === 'sqlite' ? DateUtils.mixedDateToUtcDatetimeString(d) : d;
    };
    await sql(t, "INSERT INTO bill_run (as_of, status, started_at, heartbeat_at) VALUES ('2026-02-01', 'RUNNING', ?, ?)", [at(0), at(0)]);
    const run = (await sql(t, 'SELECT MAX(id) AS id FROM bill_run'))[0].id;

    expect(await t.hub.services.renderWorker.runOnce()).toBe(0);
    expect(await queued()).toBe(1);

    // A run no process has moved for minutes no longer holds documents back.
    await sql(t, 'UPDATE bill_run SET started_at = ?, heartbeat_at = ? WHERE id = ?', [at(600_000), at(600_000), run]);
    expect(await t.hub.services.renderWorker.runOnce()).toBe(1);
    expect(await queued()).toBe(0);
    await sql(t, "UPDATE bill_run SET status = 'FAILED', finished_at = ? WHERE id = ?", [at(0), run]);
  });
});
