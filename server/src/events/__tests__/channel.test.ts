import { Channel } from '../channel';

describe('Channel', () => {
  it('hands values over in the order they were pushed, buffered or awaited', async () => {
    const channel = new Channel<number>();
    channel.push(1);
    channel.push(2);
    expect(await channel.next()).toEqual({ value: 1, done: false });
    expect(await channel.next()).toEqual({ value: 2, done: false });
    const waiting = channel.next();
    channel.push(3);
    expect(await waiting).toEqual({ value: 3, done: false });
  });

  it('ends a waiting consumer at once when it unsubscribes, and releases its listener once', async () => {
    const onClose = jest.fn();
    const channel = new Channel<number>(onClose);
    const waiting = channel.next();
    await channel.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    await channel.return();
    expect(onClose).toHaveBeenCalledTimes(1);
    channel.push(4);
    expect(await channel.next()).toEqual({ value: undefined, done: true });
  });

  it('passes a failure to the consumer, then ends', async () => {
    const onClose = jest.fn();
    const channel = new Channel<number>(onClose);
    const waiting = channel.next();
    channel.fail(new Error('replay failed'));
    await expect(waiting).rejects.toThrow('replay failed');
    expect(await channel.next()).toEqual({ value: undefined, done: true });
    expect(onClose).toHaveBeenCalledTimes(1);

    const later = new Channel<number>();
    later.fail(new Error('lost'));
    await expect(later.next()).rejects.toThrow('lost');
    expect(await later.next()).toEqual({ value: undefined, done: true });
  });

  it('works with for await, stopping when the loop breaks', async () => {
    const onClose = jest.fn();
    const channel = new Channel<number>(onClose);
    for (let i = 0; i < 5; i++) channel.push(i);
    const seen: number[] = [];
    for await (const value of channel) {
      seen.push(value);
      if (value === 2) break;
    }
    expect(seen).toEqual([0, 1, 2]);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('hands buffered and later values to a listener at once, in order, and settles when the stream ends', async () => {
    const onClose = jest.fn();
    const channel = new Channel<number>(onClose);
    channel.push(1);
    channel.push(2);
    const seen: number[] = [];
    const ended = channel.listen((value) => seen.push(value));
    expect(seen).toEqual([1, 2]);
    channel.push(3);
    expect(seen).toEqual([1, 2, 3]);
    await channel.return();
    await expect(ended).resolves.toBeUndefined();
    channel.push(4);
    expect(seen).toEqual([1, 2, 3]);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('rejects a listener with the failure of the stream, once', async () => {
    const listening = new Channel<number>();
    const ended = listening.listen(() => undefined);
    listening.fail(new Error('replay failed'));
    await expect(ended).rejects.toThrow('replay failed');

    const failedBefore = new Channel<number>();
    failedBefore.fail(new Error('lost'));
    await expect(failedBefore.listen(() => undefined)).rejects.toThrow('lost');
  });
});
