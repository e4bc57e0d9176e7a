/**
 * The bench's hub child (hub-child.ts) with one more probe for the soak: the
 * delay of its event loop, answered over IPC as "loopDelay" (p50, p99 and max
 * in ms since the last ask, then reset).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { main } from './hub-child';

export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();

process.on('message', (m: { id: number; type: string }) => {
  if (m.type !== 'loopDelay') return;
  const ms = (ns: number) => ns / 1e6;
  const value: LoopDelay = { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) };
  delay.reset();
  process.send?.({ id: m.id, value });
});

main().catch((error: unknown) => {
  process.stderr.write(`soak hub failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
