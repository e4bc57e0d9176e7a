import { addDays, todayIn } from '../../server/src/common/dates';
import { BillRun, BillRunStatus } from '../../server/src/modules/billing/billing.entity';
import { RUNNING_KEY } from '../../server/src/modules/runs/run-guard';
import { errorCode, gql, gqlOk } from '../support/client';
import { createScratchDatabase, testDbKind, type ScratchDatabase } from '../support/databases';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { eventually } from '../support/wait';

// Far from UTC (UTC+14 all year), so the schedule's day and time are visibly the retailer's.
const ZONE = 'Pacific/Kiritimati';
/** A moment given as a day and a time of day in ZONE. */
const at = (day: string, time: string): Date => new Date(`${day}T${time}:00+14:00`);

const SET = `mutation($kind: RunKind!, $enabled: Boolean!, $time: String!) {
  setRunSchedule(kind: $kind, enabled: $enabled, timeOfDay: $time) { kind enabled timeOfDay lastRunDate } }`;
const SCHEDULES = '{ runSchedules { kind enabled timeOfDay lastRunDate } }';

let db: ScratchDatabase;
/** Two hub processes on one database where the database allows it (MariaDB); the embedded one serves one process. */
let hubs: TestHub[] = [];
let operator: string;

beforeAll(async () => {
  db = await createScratchDatabase();
  hubs.push(await startTestHub({ HUB_TIMEZONE: ZONE }, db));
  if (testDbKind() === 'mariadb') hubs.push(await startTestHub({ HUB_TIMEZONE: ZONE }, db));
  // The simulated clock drives the schedules here, not the timers.
  for (const h of hubs) await h.hub.services.runSchedules.stop();
  operator = await hubs[0].userToken('OPERATOR', 'scheduler-op');
}, 120_000);
afterAll(async () => {
  for (const h of hubs.slice(1)) await h.stop();
  await checkMoneyAndStop(hubs[0]);
  await db.drop();
  hubs = [];
});

/** Every process ticks `times` times at once at `now`; the runs they started. */
async function tickEverywhere(now: Date, times = 3): Promise<Array<{ kind: string; runId: string }>> {
  const ticks = hubs.flatMap((h) => Array.from({ length: times }, () => h.hub.services.runSchedules.tickOnce(now)));
  return (await Promise.all(ticks)).flat();
}

async function finished(kind: string, runId: string): Promise<{ status: string; startedBy: string; asOf: string }> {
  const [t] = hubs;
  const field = kind === 'BILLING' ? 'billRun' : 'collectionsRun';
  return eventually(`${kind} run ${runId} to finish`, async () => {
    const run = (await gqlOk(t.url, `query($id: ID!) { ${field}(id: $id) { status startedBy asOf } }`, { id: runId }, t.adminToken))[field];
    return run.status === 'RUNNING' ? undefined : run;
  });
}

describe('run schedules', () => {
  it('are listed for each kind, disabled at first, and refuse a time that is not HH:MM and a role that may not operate', async () => {
    const [t] = hubs;
    const list = (await gqlOk(t.url, SCHEDULES, {}, t.adminToken)).runSchedules;
    expect(list).toEqual([
      { kind: 'BILLING', enabled: false, timeOfDay: '06:00', lastRunDate: null },
      { kind: 'COLLECTIONS', enabled: false, timeOfDay: '06:00', lastRunDate: null },
    ]);
    for (const time of ['25:00', '6:00', '06:60', 'noon', '']) {
      expect(errorCode(await gql(t.url, SET, { kind: 'BILLING', enabled: true, time }, operator))).toBe('BAD_USER_INPUT');
    }
    const integrator = await t.apiKey('INTEGRATOR');
    expect(errorCode(await gql(t.url, SET, { kind: 'BILLING', enabled: true, time: '06:00' }, integrator))).toBe('FORBIDDEN');
    expect((await gqlOk(t.url, SCHEDULES, {}, t.adminToken)).runSchedules).toEqual(list);
  });

  it('do not start a run at once for a time already past today', async () => {
    const [t] = hubs;
    await gqlOk(t.url, SET, { kind: 'BILLING', enabled: true, time: '00:00' }, operator);
    expect(await tickEverywhere(new Date())).toEqual([]);
  });

  it("start each kind's run once per day across processes, at the time in HUB_TIMEZONE, started by SCHEDULE", async () => {
    const [t] = hubs;
    for (const kind of ['BILLING', 'COLLECTIONS']) {
      const set = (await gqlOk(t.url, SET, { kind, enabled: true, time: '06:00' }, operator)).setRunSchedule;
      expect(set).toEqual({ kind, enabled: true, timeOfDay: '06:00', lastRunDate: null });
    }
    const tomorrow = addDays(todayIn(ZONE), 1);
    expect(await tickEverywhere(at(tomorrow, '05:59'))).toEqual([]);

    const started = await tickEverywhere(at(tomorrow, '06:01'));
    expect(started.map((s) => s.kind).sort()).toEqual(['BILLING', 'COLLECTIONS']);
    for (const s of started) {
      expect(await finished(s.kind, s.runId)).toEqual({ status: 'COMPLETED', startedBy: 'SCHEDULE', asOf: tomorrow });
    }
    // Later that day, nothing more; every process sees the day claimed.
    expect(await tickEverywhere(at(tomorrow, '23:59'))).toEqual([]);
    for (const h of hubs) {
      const list = (await gqlOk(h.url, SCHEDULES, {}, h.adminToken)).runSchedules;
      expect(list.map((s: { lastRunDate: string }) => s.lastRunDate)).toEqual([tomorrow, tomorrow]);
    }
    const audit = await gqlOk(t.url, '{ auditLog(first: 50) { nodes { actor action subjectId } } }', {}, t.adminToken);
    expect(audit.auditLog.nodes).toEqual(
      expect.arrayContaining([expect.objectContaining({ actor: 'SCHEDULE', action: 'runCollections' })]),
    );
  });

  it('wait for a run of the kind still going on, then start the day after it', async () => {
    const [t] = hubs;
    const dayAfter = addDays(todayIn(ZONE), 2);
    const manual = (await gqlOk(t.url, 'mutation { runBilling(asOf: "2026-01-01") { id } }', {}, t.adminToken)).runBilling;
    const bills = t.hub.db.manager.getRepository(BillRun);
    await bills.update(
      { id: manual.id },
      { status: BillRunStatus.RUNNING, runningKey: RUNNING_KEY, finishedAt: null, heartbeatAt: new Date() },
    );

    const whileRunning = await tickEverywhere(at(dayAfter, '06:30'), 1);
    expect(whileRunning.map((s) => s.kind)).toEqual(['COLLECTIONS']);
    await finished('COLLECTIONS', whileRunning[0].runId);
    const billing = (await gqlOk(t.url, SCHEDULES, {}, t.adminToken)).runSchedules[0];
    expect(billing.lastRunDate).toBe(addDays(dayAfter, -1));

    await bills.update({ id: manual.id }, { status: BillRunStatus.COMPLETED, runningKey: null, finishedAt: new Date() });
    const after = await tickEverywhere(at(dayAfter, '07:00'));
    expect(after.map((s) => s.kind)).toEqual(['BILLING']);
    expect(await finished('BILLING', after[0].runId)).toMatchObject({ status: 'COMPLETED', startedBy: 'SCHEDULE', asOf: dayAfter });
  });

  it('start nothing once disabled', async () => {
    const [t] = hubs;
    for (const kind of ['BILLING', 'COLLECTIONS']) await gqlOk(t.url, SET, { kind, enabled: false, time: '06:00' }, operator);
    expect(await tickEverywhere(at(addDays(todayIn(ZONE), 3), '12:00'))).toEqual([]);
    const runs = await gqlOk(t.url, '{ billRuns(first: 10) { nodes { startedBy } } }', {}, t.adminToken);
    expect(runs.billRuns.nodes.map((n: { startedBy: string }) => n.startedBy)).toEqual(['SCHEDULE', 'admin', 'SCHEDULE']);
  });
});
