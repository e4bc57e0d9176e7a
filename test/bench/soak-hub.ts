/**
 * The bench's hub child (hub-child.ts) with two more probes for the soak,
 * answered over IPC: "soakProbe", the delay of its event loop (p50, p99 and
 * max in ms since the last ask, then reset) and its memory as V8 sees it; and
 * "liveHeap", the JS heap still in use after a full garbage collection (what
 * a leak would grow; RSS also follows how much heap V8 chooses to keep);
 * and "heapSnapshot", a V8 heap snapshot written to the file it names (the
 * soak asks for one at minute 2 and one at the end when SOAK_HEAP_SNAPSHOTS
 * names a folder; heap-diff.ts compares two).
 */
import { Session } from 'node:inspector';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';
import { main } from './hub-child';

export interface HubProbe {
  loop: { p50: number; p99: number; max: number };
  /** process.memoryUsage(): heapUsed, heapTotal, external (buffers and other memory outside the JS heap)... */
  memory: NodeJS.MemoryUsage;
}

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();

let session: Session | null = null;

function liveHeap(id: number): void {
  // One session for the process's life: disconnecting one inside its own callback never returns.
  if (!session) {
    session = new Session();
    session.connect();
  }
  session.post('HeapProfiler.collectGarbage', (error) => process.send?.({ id, value: error ? -1 : process.memoryUsage().heapUsed }));
}

process.on('message', (m: { id: number; type: string; file?: string }) => {
  if (m.type === 'liveHeap') liveHeap(m.id);
  if (m.type === 'heapSnapshot') {
    // Blocks the event loop for the seconds it takes (and collects garbage first): asked for only twice a soak.
    try {
      process.send?.({ id: m.id, value: v8.writeHeapSnapshot(m.file) });
    } catch (error) {
      process.send?.({ id: m.id, value: `failed: ${String(error)}` });
    }
  }
  if (m.type !== 'soakProbe') return;
  const ms = (ns: number) => ns / 1e6;
  const value: HubProbe = {
    loop: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
    memory: process.memoryUsage(),
  };
  delay.reset();
  process.send?.({ id: m.id, value });
});

main().catch((error: unknown) => {
  process.stderr.write(`soak hub failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
