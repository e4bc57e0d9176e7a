/**
 * A child process holding many graphql-ws subscribers, driven over IPC by the
 * bench. Each speaks the graphql-transport-ws protocol over its own TCP
 * connection (upgrade, connection_init, wait for the ack, subscribe, answer
 * pings), with a frame reader of its own: a general WebSocket client would
 * spend more CPU reading 200,000 messages a second than the hub spends sending
 * them, on the same two cores. Each message's latency is the time its bytes
 * arrived minus its occurredAt (same machine, same clock); every `next`
 * message is checked to carry the subscription's id and an event.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { procMemory } from './lib';

interface Connect {
  type: 'connect';
  url: string;
  token: string;
  count: number;
  query: string;
}

type Command = { id: number } & (Connect | { type: 'collect' } | { type: 'peek' } | { type: 'close' } | { type: 'memory' });

const sockets: net.Socket[] = [];
let latencies: number[] = [];
let received = 0;
let malformed = 0;

const OCCURRED_AT = Buffer.from('"occurredAt":"');
const NEXT_OF_SUBSCRIPTION = Buffer.from('{"id":"1","type":"next","payload":{"data":{"events":{');

function reply(id: number, value: unknown): void {
  process.send?.({ id, value });
}

/** A masked client frame (text, or pong with the ping's payload). */
function frame(opcode: number, payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const length = payload.length;
  const header = length < 126 ? Buffer.alloc(2) : Buffer.alloc(4);
  header[0] = 0x80 | opcode;
  if (length < 126) header[1] = 0x80 | length;
  else {
    header[1] = 0x80 | 126;
    header.writeUInt16BE(length, 2);
  }
  const body = Buffer.alloc(length);
  for (let i = 0; i < length; i++) body[i] = payload[i] ^ mask[i & 3];
  return Buffer.concat([header, mask, body]);
}

const text = (value: unknown) => frame(0x1, Buffer.from(JSON.stringify(value)));

/** Opens one subscriber and resolves once its subscription is sent. */
function open(url: string, token: string, query: string): Promise<void> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(target.port), target.hostname);
    socket.setNoDelay(true);
    let pending: Buffer = Buffer.alloc(0);
    let upgraded = false;
    let acked = false;
    socket.on('connect', () => {
      socket.write(
        `GET /graphql HTTP/1.1\r\nHost: ${target.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n` +
          `Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n`,
      );
    });
    const onMessage = (payload: Buffer, at: number) => {
      if (!acked) {
        if (payload.includes('"connection_ack"')) {
          acked = true;
          socket.write(text({ id: '1', type: 'subscribe', payload: { query } }));
          sockets.push(socket);
          resolve();
        }
        return;
      }
      const i = payload.indexOf(OCCURRED_AT);
      if (i < 0 || payload.indexOf(NEXT_OF_SUBSCRIPTION) !== 0) {
        malformed++;
        return;
      }
      const start = i + OCCURRED_AT.length;
      latencies.push(at - Date.parse(payload.toString('latin1', start, start + 24)));
      received++;
    };
    socket.on('data', (chunk: Buffer) => {
      const at = Date.now();
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      if (!upgraded) {
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        if (!pending.toString('latin1', 0, 12).includes(' 101')) {
          reject(new Error(`upgrade refused: ${pending.toString('latin1', 0, 100)}`));
          socket.destroy();
          return;
        }
        upgraded = true;
        pending = pending.subarray(end + 4);
        socket.write(text({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
      }
      // Server frames are unmasked: FIN/opcode, length (7 bits, or 16 or 64 bits more), payload.
      let offset = 0;
      for (;;) {
        if (pending.length - offset < 2) break;
        const opcode = pending[offset] & 0x0f;
        let length = pending[offset + 1] & 0x7f;
        let head = 2;
        if (length === 126) {
          if (pending.length - offset < 4) break;
          length = pending.readUInt16BE(offset + 2);
          head = 4;
        } else if (length === 127) {
          if (pending.length - offset < 10) break;
          length = Number(pending.readBigUInt64BE(offset + 2));
          head = 10;
        }
        if (pending.length - offset < head + length) break;
        const payload = pending.subarray(offset + head, offset + head + length);
        offset += head + length;
        if (opcode === 0x1) onMessage(payload, at);
        else if (opcode === 0x9) socket.write(frame(0xa, Buffer.from(payload)));
        else if (opcode === 0x8) socket.end();
      }
      pending = offset === pending.length ? Buffer.alloc(0) : Buffer.from(pending.subarray(offset));
    });
    socket.on('error', reject);
    socket.on('close', () => {
      if (!acked) reject(new Error('closed before the ack'));
    });
  });
}

process.on('message', (m: Command) => {
  void (async () => {
    if (m.type === 'connect') {
      // 100 handshakes at a time: the server authenticates each one.
      for (let i = 0; i < m.count; i += 100) {
        await Promise.all(Array.from({ length: Math.min(100, m.count - i) }, () => open(m.url, m.token, m.query)));
      }
      reply(m.id, sockets.length);
    } else if (m.type === 'collect') {
      // Latencies as counts per whole millisecond, so that several client processes' figures merge exactly.
      const histogram: number[] = [];
      for (const ms of latencies) {
        const bucket = Math.max(0, Math.round(ms));
        histogram[bucket] = (histogram[bucket] ?? 0) + 1;
      }
      reply(m.id, { received, malformed, histogram: Array.from(histogram, (n) => n ?? 0) });
      latencies = [];
      received = 0;
      malformed = 0;
    } else if (m.type === 'peek') {
      reply(m.id, { received });
    } else if (m.type === 'memory') {
      reply(m.id, procMemory(process.pid));
    } else if (m.type === 'close') {
      for (const socket of sockets.splice(0)) socket.destroy();
      reply(m.id, null);
    }
  })().catch((error: unknown) => {
    process.stderr.write(`ws clients: ${error instanceof Error ? error.message : String(error)}\n`);
    reply(m.id, { error: String(error) });
  });
});

process.stdout.write('WebSocket clients ready at http://localhost:0\n');
process.once('disconnect', () => process.exit(0));
