import { GroupCommit } from '../group-commit';

interface Job {
  key: string;
  value: number;
}

/** A GroupCommit whose batches and lone runs are recorded, and held until released. */
function harness(options: { maxBatch?: number; maxInFlight?: number; failBatchWith?: (jobs: Job[]) => boolean } = {}) {
  const batches: number[][] = [];
  const alone: number[] = [];
  const gates: Array<() => void> = [];
  const held = () => new Promise<void>((resolve) => gates.push(resolve));
  const group = new GroupCommit<Job, string>({
    maxBatch: options.maxBatch ?? 3,
    maxInFlight: options.maxInFlight ?? 1,
    keyOf: (job) => job.key,
    runBatch: async (jobs) => {
      batches.push(jobs.map((j) => j.value));
      await held();
      if (options.failBatchWith?.(jobs)) throw new Error('batch failed');
      return jobs.map((j) => `batch:${j.value}`);
    },
    runOne: async (job) => {
      alone.push(job.value);
      await held();
      if (job.value < 0) throw new Error(`job ${job.value} refused`);
      return `alone:${job.value}`;
    },
  });
  /** Lets every run started so far finish, and waits for what they start next. */
  const releaseAll = async () => {
    while (gates.length > 0) {
      gates.splice(0).forEach((open) => open());
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  /** Lets the oldest run waiting finish, and waits for what it starts next. */
  const releaseOne = async () => {
    gates.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { group, batches, alone, releaseAll, releaseOne };
}

describe('GroupCommit', () => {
  it('runs a job alone at once when there is room, and batches the jobs that arrive meanwhile', async () => {
    const { group, batches, alone, releaseAll } = harness({ maxBatch: 3, maxInFlight: 1 });
    const answers = [1, 2, 3, 4, 5, 6].map((value) => group.submit({ key: `k${value}`, value }));
    expect(alone).toEqual([1]);
    await releaseAll();
    expect(await Promise.all(answers)).toEqual(['alone:1', 'batch:2', 'batch:3', 'batch:4', 'batch:5', 'batch:6']);
    expect(batches).toEqual([
      [2, 3, 4],
      [5, 6],
    ]);
  });

  it('never puts two jobs of one key in a batch, and keeps their order', async () => {
    const { group, batches, alone, releaseAll } = harness({ maxBatch: 10, maxInFlight: 1 });
    const answers = [
      group.submit({ key: 'first', value: 0 }),
      group.submit({ key: 'a', value: 1 }),
      group.submit({ key: 'a', value: 2 }),
      group.submit({ key: 'b', value: 3 }),
      group.submit({ key: 'a', value: 4 }),
      group.submit({ key: 'b', value: 5 }),
    ];
    await releaseAll();
    await Promise.all(answers);
    // The third job of key a is left for a batch of its own, and a batch of one runs alone.
    expect(batches).toEqual([
      [1, 3],
      [2, 5],
    ]);
    expect(alone).toEqual([0, 4]);
  });

  it('answers each job of a failed batch by running it alone: its own result or its own error', async () => {
    const { group, batches, alone, releaseAll } = harness({
      maxBatch: 5,
      maxInFlight: 1,
      failBatchWith: (jobs) => jobs.some((j) => j.value < 0),
    });
    const answers = [0, 1, -2, 3].map((value) => group.submit({ key: `k${value}`, value }).then(String, (e: Error) => e.message));
    await releaseAll();
    expect(await Promise.all(answers)).toEqual(['alone:0', 'alone:1', 'job -2 refused', 'alone:3']);
    expect(batches).toEqual([[1, -2, 3]]);
    expect(alone).toEqual([0, 1, -2, 3]);
  });

  it('runs the jobs of a failed batch one after another, in its place', async () => {
    const { group, batches, alone, releaseOne } = harness({
      maxBatch: 5,
      maxInFlight: 1,
      failBatchWith: (jobs) => jobs.some((j) => j.value < 0),
    });
    const answers = [0, 1, -2, 3, 4].map((value) => group.submit({ key: `k${value}`, value }).then(String, (e: Error) => e.message));
    await releaseOne(); // job 0, alone
    await releaseOne(); // the batch, which fails
    expect(batches).toEqual([[1, -2, 3, 4]]);
    expect(alone).toEqual([0, 1]);
    await releaseOne();
    expect(alone).toEqual([0, 1, -2]);
    await releaseOne();
    expect(alone).toEqual([0, 1, -2, 3]);
    await releaseOne();
    await releaseOne();
    expect(await Promise.all(answers)).toEqual(['alone:0', 'alone:1', 'job -2 refused', 'alone:3', 'alone:4']);
  });

  it('keeps at most maxInFlight runs going', async () => {
    const { group, alone, batches, releaseAll } = harness({ maxBatch: 4, maxInFlight: 2 });
    const answers = [1, 2, 3, 4, 5].map((value) => group.submit({ key: `k${value}`, value }));
    expect(alone).toEqual([1, 2]);
    expect(batches).toEqual([]);
    await releaseAll();
    await Promise.all(answers);
    expect(batches).toEqual([[3, 4, 5]]);
  });

  it('holds a job back while a job of its key is at the database, and lets the others past it', async () => {
    const { group, batches, alone, releaseOne, releaseAll } = harness({ maxBatch: 3, maxInFlight: 2 });
    const answers = [
      group.submit({ key: 'a', value: 1 }),
      group.submit({ key: 'b', value: 2 }),
      group.submit({ key: 'a', value: 3 }),
      group.submit({ key: 'c', value: 4 }),
      group.submit({ key: 'a', value: 5 }),
    ];
    // 1 and 2 run alone at once and take both places: 3, 4 and 5 wait.
    expect(alone).toEqual([1, 2]);
    await releaseOne(); // job 1: its place goes to the oldest jobs whose keys are not at the database, 3 and 4
    expect(batches).toEqual([[3, 4]]);
    await releaseOne(); // job 2: a place is free, but 5 shares its key with 3, still at the database, so it waits
    expect(batches).toEqual([[3, 4]]);
    expect(alone).toEqual([1, 2]);
    await releaseAll();
    expect(await Promise.all(answers)).toEqual(['alone:1', 'alone:2', 'batch:3', 'batch:4', 'alone:5']);
    expect(alone).toEqual([1, 2, 5]);
  });
});
