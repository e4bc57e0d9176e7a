/**
 * The baseline for the events benchmark: a bare `ws` server speaking enough of
 * graphql-transport-ws to ack and accept subscriptions, which broadcasts an
 * event of the hub's shape to every subscriber at a given rate. No database,
 * no GraphQL execution: the cost of the fan-out itself.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { answerStats } from './hub-child';

const subscribers = new Map<WebSocket, string>();
let sequence = 0;

function broadcast(scheduledAt: number): void {
  const id = String(++sequence);
  const message = JSON.stringify({
    type: 'next',
    payload: {
      data: {
        events: {
          id,
          type: 'PAYMENT_RECEIVED',
          // When the event was due, not when the loop got to it: a backlog shows as latency, as it would for payments.
          occurredAt: new Date(scheduledAt).toISOString(),
          accountNumber: 'E00000001',
          payload: { amount: 1234, channel: 'CARD', unapplied: 1234, allocations: [] },
        },
      },
    },
  });
  for (const [socket, subscription] of subscribers) socket.send(message.replace('"type":"next"', `"id":"${subscription}","type":"next"`));
}

async function main(): Promise<void> {
  answerStats();
  const server = http.createServer();
  const wss = new WebSocketServer({ server, path: '/graphql' });
  wss.on('connection', (socket) => {
    socket.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString()) as { type: string; id?: string };
      if (m.type === 'connection_init') socket.send(JSON.stringify({ type: 'connection_ack' }));
      else if (m.type === 'subscribe' && m.id) subscribers.set(socket, m.id);
    });
    socket.on('close', () => subscribers.delete(socket));
  });
  process.on('message', (m: { id: number; type: string; rate?: number; seconds?: number }) => {
    if (m.type !== 'broadcast') return;
    const rate = m.rate ?? 200;
    const total = rate * (m.seconds ?? 10);
    const t0 = performance.now();
    const wall0 = Date.now();
    let sent = 0;
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate));
      while (sent < due) {
        broadcast(wall0 + (sent * 1000) / rate);
        sent++;
      }
      if (sent < total) setTimeout(tick, 2);
      else process.send?.({ id: m.id, value: sent });
    };
    tick();
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  process.stdout.write(`Plain ws server ready at http://localhost:${(server.address() as AddressInfo).port}\n`);
  process.once('SIGTERM', () => process.exit(0));
  process.once('disconnect', () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`plain ws server failed: ${String(error)}\n`);
  process.exit(1);
});
