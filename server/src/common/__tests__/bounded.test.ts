import { eachAtMost } from '../bounded';

/** Items that each wait until released, recording when they start and how many run at once. */
function harness() {
  const started: number[] = [];
  const gates = new Map<number, { open(): void; fail(error: Error): void }>();
  let running = 0;
  let most = 0;
  const run = (item: number) =>
    new Promise<void>((resolve, reject) => {
      started.push(item);
      running++;
      most = Math.max(most, running);
      const end = (then: () => void) => {
        running--;
        then();
      };
      gates.set(item, { open: () => end(resolve), fail: (error) => end(() => reject(error)) });
    });
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  /** The gate of an item that has started; an item that has not is a failure of the test, not a hang. */
  const gate = (item: number) => {
    const found = gates.get(item);
    if (!found) throw new Error(`item ${item} has not started`);
    return found;
  };
  return { started, gate, run, tick, most: () => most };
}

describe('eachAtMost', () => {
  it('starts the items in order, at most `limit` at once, each as an earlier one ends', async () => {
    const { started, gate, run, tick, most } = harness();
    const done = eachAtMost([1, 2, 3, 4, 5], 2, run);
    await tick();
    expect(started).toEqual([1, 2]);
    gate(2).open();
    await tick();
    expect(started).toEqual([1, 2, 3]);
    for (const item of [1, 3, 4, 5]) {
      await tick();
      gate(item).open();
    }
    await done;
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(most()).toBe(2);
  });

  it('starts nothing after a failure, lets the started items finish, then throws the first failure', async () => {
    const { started, gate, run, tick } = harness();
    let settled = false;
    const done = eachAtMost([1, 2, 3, 4], 2, run).finally(() => (settled = true));
    await tick();
    gate(1).fail(new Error('item 1 failed'));
    await tick();
    expect(started).toEqual([1, 2]);
    expect(settled).toBe(false);
    gate(2).open();
    await expect(done).rejects.toThrow('item 1 failed');
    expect(started).toEqual([1, 2]);
  });

  it('does nothing for no items', async () => {
    await expect(eachAtMost([], 4, () => Promise.reject(new Error('never')))).resolves.toBeUndefined();
  });
});
