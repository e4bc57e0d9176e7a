/**
 * Webhook receivers for the webhooks bench, in a process of their own so that
 * they do not share an event loop with the hub or the load: BENCH_RECEIVERS
 * node:http servers on free ports of 127.0.0.1, each answering 204 and
 * recording the time from its message's event commit (data.occurredAt) to
 * receipt. Told over IPC which of them hang (accept a request and never
 * answer: the sender times out), and asked for their ports, counts and figures.
 */
import { percentile } from './lib';
import { Receiver } from './receiver';

export interface ReceiverFigures {
  delivered: number;
  p50: number;
  p99: number;
}

type Command =
  | { id: number; type: 'ports' | 'count' | 'reset' }
  | { id: number; type: 'hang'; ports: number[] }
  | { id: number; type: 'figures'; ports: number[] };

async function main(): Promise<void> {
  const count = Number(process.env.BENCH_RECEIVERS ?? 100);
  const byPort = new Map<number, Receiver>();
  for (let i = 0; i < count; i++) {
    const r = new Receiver();
    byPort.set(await r.listen(), r);
  }
  const chosen = (ports: number[]) => ports.map((p) => byPort.get(p)).filter((r): r is Receiver => r !== undefined);
  process.on('message', (m: Command) => {
    const answer = (value: unknown) => process.send?.({ id: m.id, value });
    switch (m.type) {
      case 'ports':
        return answer([...byPort.keys()]);
      case 'count':
        return answer([...byPort.values()].reduce((n, r) => n + r.latencies.length, 0));
      case 'reset':
        for (const r of byPort.values()) r.latencies = [];
        return answer(null);
      case 'hang':
        for (const r of chosen(m.ports)) r.hanging = true;
        return answer(null);
      case 'figures': {
        const all = chosen(m.ports)
          .flatMap((r) => r.latencies)
          .sort((a, b) => a - b);
        const figures: ReceiverFigures = { delivered: all.length, p50: percentile(all, 50), p99: percentile(all, 99) };
        return answer(figures);
      }
    }
  });
  process.once('disconnect', () => process.exit(0));
  process.once('SIGTERM', () => process.exit(0));
  process.stdout.write(`webhook receivers ready at http://127.0.0.1:${[...byPort.keys()][0]}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`webhook receivers failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
