import { Channel } from './channel';
import { Topic, type HubPubSub, type RunProgress } from './pubsub';

/**
 * A run as it progresses, for bill runs and collections runs alike: the run
 * now, then again at every progress announcement of its kind and id from any
 * process, ending after the first one no longer running. Reads are chained, so
 * the subscriber sees them in order; `find` answering null at the start means
 * there is no such run (the caller's `missing` error).
 */
export async function runProgress<R>(args: {
  pubsub: HubPubSub;
  kind: RunProgress['kind'];
  id: string;
  find: (id: string) => Promise<R | null>;
  running: (run: R) => boolean;
  missing: () => Error;
}): Promise<AsyncIterableIterator<R>> {
  const { pubsub, kind, id, find, running } = args;
  let unsubscribe: () => void = () => undefined;
  const out = new Channel<R>(() => unsubscribe());
  let chain: Promise<void> = Promise.resolve();
  const push = () => {
    chain = chain
      .then(async () => {
        const run = await find(id);
        if (!run || out.isClosed) return;
        out.push(run);
        if (!running(run)) await out.return();
      })
      .catch((error: unknown) => out.fail(error));
  };
  unsubscribe = await pubsub.subscribe(Topic.RUN_PROGRESS, (p) => {
    if (p.kind === kind && p.runId === id) push();
  });
  if (!(await find(id))) {
    unsubscribe();
    throw args.missing();
  }
  push();
  return out;
}
