import type { WorkQueueService } from './work-queue.service';

export type SweepLogger = { error(msg: string, error?: unknown): void };

export const SLA_SWEEP_INTERVAL_MS = 30_000;

/**
 * Announces SLA breaches: every interval it marks the unresolved items whose
 * dueAt has passed and emits SLA_BREACHED once for each. Every server process
 * may run one; the conditional marking keeps two from announcing one breach twice.
 */
export class SlaSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;

  constructor(
    private readonly workQueues: WorkQueueService,
    private readonly log: SweepLogger,
    private readonly intervalMs = SLA_SWEEP_INTERVAL_MS,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One sweep now; returns how many breaches it announced. */
  sweepOnce(now: Date = new Date()): Promise<number> {
    return this.workQueues.markSlaBreaches(now);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.sweepOnce()
        .catch((error: unknown) => this.log.error('SLA sweep failed; retrying at the next interval', error))
        .finally(() => {
          this.running = null;
          this.schedule();
        });
    }, this.intervalMs);
    // A pending sweep must not keep a finished process alive.
    this.timer.unref();
  }
}
