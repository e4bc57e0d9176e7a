import { accountWithInvoices } from '../support/billing';
import { testDbKind } from '../support/databases';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { spawnPeer, type HubProcess } from '../support/process';
import { sql } from '../support/sql';
import { eventually } from '../support/wait';
import { SmtpSink } from './smtp-sink';

/**
 * Two hub processes (this one and a child running the built server) on one
 * MariaDB and one Redis, both sending mail to the real SMTP server in this
 * process: every queued mail arrives exactly once. (The embedded database
 * serves one process.)
 */
const REDIS_URL = process.env.HUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const mariadb = testDbKind() === 'mariadb';
const maybe = mariadb ? describe : describe.skip;
const FROM = 'Billing <bills@retailer.example>';
const MAILS = 12;

let a: TestHub;
let b: HubProcess;
const sink = new SmtpSink();

beforeAll(async () => {
  if (!mariadb) return;
  const smtp = await sink.start();
  const env = { REDIS_URL, HUB_SMTP_URL: smtp, HUB_MAIL_FROM: FROM, HUB_MAIL_RETRY_SECONDS: '0.2' };
  a = await startTestHub(env);
  b = spawnPeer(a.db, {
    ...env,
  });
  await b.ready();
});
afterAll(async () => {
  if (!mariadb) return;
  b?.child.kill('SIGTERM');
  await b?.exited;
  await checkMoneyAndStop(a);
  await sink.stop();
});

maybe('mail across processes', () => {
  it('sends each queued mail once, with the delivery Message-ID, whichever process sends it', async () => {
    const emails = Array.from({ length: MAILS }, (_, i) => `both-${process.pid}-${i}@customers.example`);
    for (const email of emails) await accountWithInvoices(a, [{ start: '2026-01-01', end: '2026-02-01', kwh: 200 }], { email });
    await eventually(
      'every bill stored with its mail queued',
      async () => Number((await sql(a, 'SELECT COUNT(*) AS n FROM document_delivery'))[0].n) === MAILS,
      { timeoutMs: 60_000 },
    );
    // Both workers are running: this one is woken by each commit here, the child's looks every 200 ms.
    await eventually(
      'every mail sent',
      async () => Number((await sql(a, "SELECT COUNT(*) AS n FROM document_delivery WHERE status = 'SENT'"))[0].n) === MAILS,
      { timeoutMs: 60_000 },
    );
    for (const email of emails) {
      expect(sink.attempts.get(email)).toBe(1);
      expect(sink.mailsTo(email)).toHaveLength(1);
    }
    const rows = await sql(a, 'SELECT id, document_id AS d, attempts FROM document_delivery ORDER BY id');
    expect(rows.map((r) => Number(r.attempts))).toEqual(rows.map(() => 1));
    const ids = sink.accepted.map((m) => m.messageId).sort();
    expect(ids).toEqual(rows.map((r) => `<delivery-${String(r.id)}.document-${String(r.d)}@retailer.example>`).sort());
    expect(a.hub.services.deliveryWorker.sent).toBeLessThanOrEqual(MAILS);
  });
});
