import type { Socket } from 'node:net';
import { WebSocket } from 'ws';

/**
 * Messages written to one socket between two flushes leave in one write: at a
 * thousand subscribers and hundreds of events a second, one system call per
 * message would cost more than everything else the hub does for them. The
 * time between flushes follows what a flush costs, so that writing takes at
 * most about a fifth of the process's time: a few milliseconds for a hundred
 * subscribers, up to FLUSH_WINDOW_MS for many. The first message after a quiet
 * spell goes out at once.
 */
export const FLUSH_WINDOW_MS = 30;
const MIN_FLUSH_WINDOW_MS = 5;
const FLUSH_SHARE = 5;
/** A subscriber this far behind (unsent bytes) is closed: it resumes with `after` from its last event id. */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** WebSocket close code 1013, "try again later". */
const TRY_AGAIN_LATER = 1013;

/**
 * Writes fan-out messages, already encoded as WebSocket frames, to the TCP
 * sockets under the WebSockets, holding each socket's writes (cork) until the
 * window's flush so that every message a socket got in the window goes out in
 * one write. Written beside `ws`, not through it: `ws` writes each message
 * synchronously (permessage-deflate is off), so the order of messages on a
 * socket is kept.
 */
export class SocketFlusher {
  private readonly corked = new Set<Socket>();
  private timer: NodeJS.Timeout | null = null;
  private lastFlush = 0;
  private window = MIN_FLUSH_WINDOW_MS;

  constructor(private readonly maxBufferedBytes = MAX_BUFFERED_BYTES) {}

  write(ws: WebSocket, raw: Socket, frame: Buffer): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (raw.writableLength > this.maxBufferedBytes) {
      ws.close(TRY_AGAIN_LATER, 'Too far behind: resubscribe with after set to the last event id received');
      return;
    }
    if (!this.corked.has(raw)) {
      raw.cork();
      this.corked.add(raw);
      this.timer ??= setTimeout(() => this.flush(), Math.max(0, this.lastFlush + this.window - performance.now()));
    }
    raw.write(frame);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const started = performance.now();
    const sockets = [...this.corked];
    this.corked.clear();
    for (const socket of sockets) socket.uncork();
    this.lastFlush = performance.now();
    this.window = Math.min(FLUSH_WINDOW_MS, Math.max(MIN_FLUSH_WINDOW_MS, FLUSH_SHARE * (this.lastFlush - started)));
  }
}

/** A message as one WebSocket text frame, as a server sends it (RFC 6455 5.2: FIN, opcode 1, unmasked). */
export function textFrame(message: string): Buffer {
  const length = Buffer.byteLength(message);
  const head = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + length);
  frame[0] = 0x81;
  if (length < 126) frame[1] = length;
  else if (length < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.write(message, head);
  return frame;
}
