/** Where a poll loop reports a failed round. */
export type PollLogger = { error(msg: string, error?: unknown): void };

/**
 * The timer shell of a background worker: runs `round` now (or after
 * `firstDelayMs`) and then every `intervalMs` after the previous round ended (never two at once), on an
 * unref'd timer so it never keeps the process alive. A failed round is logged
 * with `failure` and the next one comes at the interval; `wake` runs one now
 * unless one is running; `stop` waits for the round in flight. The work that
 * is shared between processes is claimed inside the round (a lease or a
 * conditional UPDATE), not here.
 */
export class PollLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;

  constructor(
    private readonly opts: { round: () => Promise<unknown>; intervalMs: number; failure: string; log: PollLogger; firstDelayMs?: number },
  ) {}

  /** True while a round runs after stop() was asked: a long round ends early on it. */
  get interrupted(): boolean {
    return this.stopped && this.running !== null;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(this.opts.firstDelayMs ?? 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** A round now (after a commit that queued work), unless one is running. */
  wake(): void {
    if (this.stopped || this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.opts
        .round()
        .catch((error: unknown) => this.opts.log.error(this.opts.failure, error))
        .finally(() => {
          this.running = null;
          this.schedule(this.opts.intervalMs);
        });
    }, delay);
    this.timer.unref();
  }
}
