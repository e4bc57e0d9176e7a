import { Role, type Principal } from '../../common/auth/roles';
import { todayIn } from '../../common/dates';
import { PollLoop } from '../../common/poll-loop';
import { ErrorCode, HubError } from '../../common/errors/hub-error';
import { runWrite, type Database } from '../../db/database';
import type { BillRunService } from '../billing/bill-run/bill-run.service';
import type { CollectionsRunService } from '../collections/collections-run.service';
import { SCHEDULE_ACTOR } from './run-guard';
import { RunKind } from './run-preview.types';
import { RunSchedule } from './run-schedule.entity';
import { firstDateFor, isDue, parseTimeOfDay, timeOfDayIn } from './schedule-rules';

export const RUN_SCHEDULER_INTERVAL_MS = 30_000;

/** Who a scheduled run is started by: SCHEDULE in its startedBy and the audit log. */
const SCHEDULE: Principal = { kind: 'user', id: '0', name: SCHEDULE_ACTOR, role: Role.ADMIN };

export type SchedulerLogger = { error(msg: string, error?: unknown): void; info(msg: string): void };

/**
 * The daily schedules of bill and collections runs, and the timer that starts
 * them. Every process ticks; the day's run is claimed by a conditional UPDATE
 * of the schedule's last_run_date (only the process whose UPDATE changes it
 * starts the run), so each schedule starts one run a day across processes.
 */
export class RunScheduleService {
  private readonly loop: PollLoop;

  constructor(
    private readonly db: Database,
    private readonly timezone: string,
    private readonly runs: { billing: BillRunService; collections: CollectionsRunService },
    private readonly log: SchedulerLogger,
    intervalMs = RUN_SCHEDULER_INTERVAL_MS,
  ) {
    this.loop = new PollLoop({
      round: () => this.tickOnce(),
      intervalMs,
      failure: 'run schedules: tick failed; retrying at the next interval',
      log,
    });
  }

  list(): Promise<RunSchedule[]> {
    return this.db.manager.getRepository(RunSchedule).find({ order: { kind: 'ASC' } });
  }

  async set(actor: Principal, kind: RunKind, enabled: boolean, timeOfDay: string): Promise<RunSchedule> {
    const time = parseTimeOfDay(timeOfDay);
    const now = new Date();
    const today = todayIn(this.timezone, now);
    return this.db.transaction(async (tx) => {
      const repo = tx.em.getRepository(RunSchedule);
      const before = await repo.findOneByOrFail({ kind });
      const firstDate = firstDateFor({ today, now: timeOfDayIn(this.timezone, now), timeOfDay: time });
      await repo.update({ kind }, { enabled, timeOfDay: time, firstDate, updatedBy: actor.name, updatedAt: now });
      const after = await repo.findOneByOrFail({ kind });
      tx.audit({
        actor: actor.name,
        action: 'setRunSchedule',
        subjectType: 'RunSchedule',
        subjectId: kind,
        before: { enabled: before.enabled, timeOfDay: before.timeOfDay },
        after: { enabled, timeOfDay: time, firstDate },
      });
      return after;
    });
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** Starts the runs due at `now` that no process has started today; returns those this process started. */
  async tickOnce(now: Date = new Date()): Promise<Array<{ kind: RunKind; runId: string }>> {
    const today = todayIn(this.timezone, now);
    const clock = timeOfDayIn(this.timezone, now);
    const started: Array<{ kind: RunKind; runId: string }> = [];
    for (const schedule of await this.list()) {
      if (!isDue(schedule, { today, now: clock })) continue;
      if (!(await this.claim(schedule, today, clock))) continue;
      try {
        const run =
          schedule.kind === RunKind.BILLING
            ? await this.runs.billing.start(SCHEDULE, today, false)
            : await this.runs.collections.start(SCHEDULE, today, false);
        this.log.info(`scheduled ${schedule.kind} run ${run.id} started, asOf ${today}`);
        started.push({ kind: schedule.kind, runId: run.id });
      } catch (error) {
        // A run of the kind going on (CONFLICT), or the database away: the claim is given back and the next tick tries again.
        await this.db.transaction((tx) =>
          runWrite(tx.em, 'UPDATE run_schedule SET last_run_date = ? WHERE kind = ? AND last_run_date = ?', [
            schedule.lastRunDate,
            schedule.kind,
            today,
          ]),
        );
        const waiting = error instanceof HubError && error.code === ErrorCode.CONFLICT;
        if (waiting) this.log.info(`scheduled ${schedule.kind} run of ${today} waits: ${error.message}`);
        else this.log.error(`scheduled ${schedule.kind} run of ${today} could not start; trying again at the next tick`, error);
      }
    }
    return started;
  }

  /** Of several processes claiming the same day, the one whose UPDATE changes the row starts the run. */
  private async claim(schedule: RunSchedule, today: string, clock: string): Promise<boolean> {
    const { affected } = await this.db.transaction((tx) =>
      runWrite(
        tx.em,
        `UPDATE run_schedule SET last_run_date = ? WHERE kind = ? AND enabled = ? AND time_of_day <= ?
         AND (first_date IS NULL OR first_date <= ?) AND (last_run_date IS NULL OR last_run_date < ?)`,
        [today, schedule.kind, 1, clock, today, today],
      ),
    );
    return affected === 1;
  }
}
