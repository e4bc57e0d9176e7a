import { PollLoop } from '../poll-loop';

describe('PollLoop', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function loop(opts: { firstDelayMs?: number; fail?: boolean } = {}) {
    const rounds: number[] = [];
    const errors: string[] = [];
    const start = Date.now();
    const poll = new PollLoop({
      round: async () => {
        rounds.push(Date.now() - start);
        if (opts.fail) throw new Error('round failed');
      },
      intervalMs: 1_000,
      firstDelayMs: opts.firstDelayMs,
      failure: 'the round failed; again at the interval',
      log: { error: (msg) => errors.push(msg) },
    });
    return { poll, rounds, errors };
  }

  it('runs a round at once, then one an interval after each ended', async () => {
    const { poll, rounds } = loop();
    poll.start();
    await jest.advanceTimersByTimeAsync(2_500);
    expect(rounds).toEqual([0, 1_000, 2_000]);
    await poll.stop();
  });

  it('waits firstDelayMs for its first round', async () => {
    const { poll, rounds } = loop({ firstDelayMs: 5_000 });
    poll.start();
    await jest.advanceTimersByTimeAsync(4_999);
    expect(rounds).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(rounds).toEqual([5_000]);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(rounds).toEqual([5_000, 6_000]);
    await poll.stop();
  });

  it('logs a failed round and runs the next at the interval; none after stop', async () => {
    const { poll, rounds, errors } = loop({ fail: true });
    poll.start();
    await jest.advanceTimersByTimeAsync(1_500);
    expect(rounds).toEqual([0, 1_000]);
    expect(errors).toEqual(['the round failed; again at the interval', 'the round failed; again at the interval']);
    await poll.stop();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(rounds).toEqual([0, 1_000]);
  });
});
