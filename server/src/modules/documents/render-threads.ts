import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RenderedPdf } from './document-view';
import { asBuffer, type PdfRenderer, type PdfRequest } from './render-pdf';
import type { RenderMessage, RenderReply } from './render-thread';

/**
 * A thread's heap: far above what a bill takes. A document that needs more
 * stops its thread, failing the documents sent to it, and a new one is started.
 */
const THREAD_HEAP_MB = 256;
/**
 * Documents sent to a thread before it has answered the ones it has: it lays
 * them out one after another, without waiting between them for this thread,
 * which may be busy, to send the next.
 */
const AHEAD = 4;

interface Task {
  request: PdfRequest;
  resolve(pdf: RenderedPdf): void;
  reject(error: Error): void;
}

interface Lane {
  worker: Worker;
  /** Sent to the thread and not answered yet, by the id sent with them. */
  tasks: Map<number, Task>;
}

/** The thread's script and what it is told at start. */
export interface ThreadEntry {
  file: string;
  workerData?: unknown;
}

/**
 * The compiled thread beside this module. Run from the TypeScript sources
 * (as the tests run the hub), there is none: scripts/ts-thread.js then
 * compiles the thread's modules as it loads them.
 */
export function renderThreadEntry(): ThreadEntry {
  const compiled = path.join(__dirname, 'render-thread.js');
  if (fs.existsSync(compiled)) return { file: compiled };
  return {
    file: path.resolve(__dirname, '../../../../scripts/ts-thread.js'),
    workerData: { entry: path.join(__dirname, 'render-thread.ts') },
  };
}

/**
 * Lays documents out on worker threads, so that the hub's own thread, which
 * answers the API and delivers events, is not held by pdfkit: up to `size`
 * threads, started as documents come, each sent a few documents ahead
 * while the others wait their turn here. A thread that dies (out of
 * memory, a crash) fails the documents it had, which are retried like any
 * failed render, and a new thread takes the next ones.
 */
export class RenderThreads implements PdfRenderer {
  private readonly lanes: Lane[] = [];
  private readonly waiting: Task[] = [];
  private closed = false;
  private sent = 0;

  constructor(
    private readonly size: number,
    private readonly entry: ThreadEntry = renderThreadEntry(),
  ) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`render threads: ${size} is not a count of threads`);
  }

  /** Threads running now. */
  get threads(): number {
    return this.lanes.length;
  }

  render(request: PdfRequest): Promise<RenderedPdf> {
    if (this.closed) return Promise.reject(new Error('document rendering has stopped'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      this.next();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.waiting.splice(0)) task.reject(new Error('document rendering has stopped'));
    await Promise.all(this.lanes.map((lane) => lane.worker.terminate()));
  }

  private next(): void {
    while (this.waiting.length > 0 && !this.closed) {
      const lane = this.idle() ?? (this.lanes.length < this.size ? this.start() : this.leastBusy());
      if (!lane) return;
      const task = this.waiting.shift() as Task;
      const id = ++this.sent;
      try {
        lane.worker.postMessage({ id, request: task.request } satisfies RenderMessage);
      } catch (error) {
        // A view that cannot be copied to a thread: that document fails, the thread goes on.
        task.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      lane.tasks.set(id, task);
      // A thread at work keeps the process alive; an idle one does not.
      lane.worker.ref();
    }
  }

  private idle(): Lane | null {
    return this.lanes.find((lane) => lane.tasks.size === 0) ?? null;
  }

  /** The running thread with the fewest documents in hand, if one can take another. */
  private leastBusy(): Lane | null {
    let best: Lane | null = null;
    for (const lane of this.lanes) if (lane.tasks.size < AHEAD && (!best || lane.tasks.size < best.tasks.size)) best = lane;
    return best;
  }

  private start(): Lane {
    const worker = new Worker(this.entry.file, {
      workerData: this.entry.workerData,
      resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB },
    });
    const lane: Lane = { worker, tasks: new Map() };
    worker.on('message', (reply: RenderReply) => {
      const task = lane.tasks.get(reply.id);
      lane.tasks.delete(reply.id);
      if (lane.tasks.size === 0) worker.unref();
      if (task) {
        if (reply.bytes) task.resolve({ bytes: asBuffer(reply.bytes), pages: reply.pages ?? 0 });
        else task.reject(new Error(reply.error ?? 'the document could not be laid out'));
      }
      this.next();
    });
    let gone = false;
    const lost = (error: Error) => {
      if (gone) return;
      gone = true;
      this.lanes.splice(this.lanes.indexOf(lane), 1);
      for (const task of lane.tasks.values()) task.reject(error);
      lane.tasks.clear();
      this.next();
    };
    worker.on('error', lost);
    // An answer that cannot be read leaves its document without one: the thread is let go, as if it had died.
    worker.on('messageerror', (error) => {
      lost(error);
      void worker.terminate();
    });
    worker.on('exit', (code) => lost(new Error(`the document's rendering thread stopped (exit code ${code})`)));
    this.lanes.push(lane);
    return lane;
  }
}
