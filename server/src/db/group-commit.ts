/** How a GroupCommit groups and runs its jobs. */
export interface GroupCommitOptions<J, R> {
  /** At most this many jobs in one batch. */
  maxBatch: number;
  /** At most this many batches at the database at once; the jobs that arrive meanwhile wait and form the next ones. */
  maxInFlight: number;
  /**
   * Jobs that share a key never go in one batch, nor in two batches at the
   * database at once (two payments of one account, say): they run one after
   * another, in the order they were submitted, each seeing what the other wrote.
   */
  keyOf(job: J): string;
  /** Runs the jobs in one transaction, all or none, and answers each in order; any failure undoes them all. */
  runBatch(jobs: J[]): Promise<R[]>;
  /** Runs one job alone: a batch of one, and each job of a batch that failed, so a job's failure is its own. */
  runOne(job: J): Promise<R>;
}

interface Waiting<J, R> {
  job: J;
  resolve(value: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit: jobs that arrive while the database is busy with earlier ones
 * are run together, in one transaction, when a place frees up. A job that
 * arrives when there is room runs at once, alone, so nothing waits for a batch
 * to fill. A batch that fails is undone and each of its jobs runs again alone,
 * one after another in the batch's place, so one job's error (an unknown
 * account, a repeated key) is answered to that job only and the others still
 * succeed, and no more than maxInFlight transactions are ever open.
 */
export class GroupCommit<J, R> {
  private queue: Array<Waiting<J, R>> = [];
  private inFlight = 0;
  /** The keys of the jobs at the database now: each is in one batch at most. */
  private readonly keysInFlight = new Set<string>();

  constructor(private readonly options: GroupCommitOptions<J, R>) {}

  submit(job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.takeBatch();
      // Every job waiting shares a key with one at the database: they go when it is done.
      if (batch.length === 0) return;
      const keys = batch.map((w) => this.options.keyOf(w.job));
      for (const key of keys) this.keysInFlight.add(key);
      this.inFlight++;
      void this.run(batch).finally(() => {
        for (const key of keys) this.keysInFlight.delete(key);
        this.inFlight--;
        this.pump();
      });
    }
  }

  /** The oldest waiting jobs with distinct keys not at the database, up to maxBatch; the rest keep their places. */
  private takeBatch(): Array<Waiting<J, R>> {
    const keys = new Set<string>(this.keysInFlight);
    const batch: Array<Waiting<J, R>> = [];
    const rest: Array<Waiting<J, R>> = [];
    for (const waiting of this.queue) {
      const key = this.options.keyOf(waiting.job);
      if (batch.length >= this.options.maxBatch || keys.has(key)) {
        rest.push(waiting);
        continue;
      }
      keys.add(key);
      batch.push(waiting);
    }
    this.queue = rest;
    return batch;
  }

  private async run(batch: Array<Waiting<J, R>>): Promise<void> {
    if (batch.length > 1) {
      let results: R[] | null = null;
      try {
        results = await this.options.runBatch(batch.map((w) => w.job));
      } catch {
        // Undone as a whole: each job is answered by running it alone, below.
      }
      if (results) {
        batch.forEach((w, i) => w.resolve(results[i]));
        return;
      }
    }
    // One after another, in the batch's place: a failed batch's jobs never hold more transactions open than it did.
    for (const w of batch) await this.options.runOne(w.job).then(w.resolve, w.reject);
  }
}
