/**
 * A child process holding many graphql-ws subscribers (the graphql-transport-ws
 * protocol over plain `ws`, to keep the client's own cost small). Each pushed
 * event's latency is its receipt time minus its occurredAt (same machine, same
 * clock). Driven over IPC by the bench.
 */
import WebSocket from 'ws';
import { percentile, procMemory } from './lib';

interface Connect {
  type: 'connect';
  url: string;
  token: string;
  count: number;
  query: string;
}

type Command = { id: number } & (Connect | { type: 'collect' } | { type: 'peek' } | { type: 'close' } | { type: 'memory' });

const sockets: WebSocket[] = [];
let latencies: number[] = [];
let received = 0;

function reply(id: number, value: unknown): void {
  process.send?.({ id, value });
}

/** Opens one subscriber: init with the credential, wait for the ack, subscribe. */
function open(url: string, token: string, query: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    let acked = false;
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
    ws.on('message', (data: Buffer) => {
      const text = data.toString();
      if (!acked) {
        if (text.includes('"connection_ack"')) {
          acked = true;
          ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
          sockets.push(ws);
          resolve();
        }
        return;
      }
      const at = Date.now();
      const m = /"occurredAt":"([^"]+)"/.exec(text);
      if (m) {
        latencies.push(at - Date.parse(m[1]));
        received++;
      }
    });
    ws.on('error', reject);
    ws.on('close', (code) => {
      if (!acked) reject(new Error(`closed with ${code} before the ack`));
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
      const sorted = latencies.sort((a, b) => a - b);
      reply(m.id, {
        received,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        max: sorted[sorted.length - 1] ?? NaN,
      });
      latencies = [];
      received = 0;
    } else if (m.type === 'peek') {
      reply(m.id, { received });
    } else if (m.type === 'memory') {
      reply(m.id, procMemory(process.pid));
    } else if (m.type === 'close') {
      for (const ws of sockets.splice(0)) ws.terminate();
      reply(m.id, null);
    }
  })().catch((error: unknown) => {
    process.stderr.write(`ws clients: ${error instanceof Error ? error.message : String(error)}\n`);
    reply(m.id, { error: String(error) });
  });
});

process.stdout.write('WebSocket clients ready at http://localhost:0\n');
process.once('disconnect', () => process.exit(0));
