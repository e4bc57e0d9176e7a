import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { FLUSH_WINDOW_MS, SocketFlusher, textFrame } from '../socket-flush';

/** A real WebSocket server and client on a free port; the server side's WebSocket and TCP socket. */
async function connectedPair(): Promise<{ server: WebSocket; tcp: Socket; client: WebSocket; close(): Promise<void> }> {
  const httpServer = http.createServer();
  const wss = new WebSocketServer({ server: httpServer });
  await new Promise<void>((resolve) => httpServer.listen(0, resolve));
  const accepted = new Promise<{ server: WebSocket; tcp: Socket }>((resolve) =>
    wss.once('connection', (server, request) => resolve({ server, tcp: request.socket })),
  );
  const client = new WebSocket(`ws://127.0.0.1:${(httpServer.address() as AddressInfo).port}`);
  await new Promise((resolve) => client.once('open', resolve));
  const { server, tcp } = await accepted;
  return {
    server,
    tcp,
    client,
    close: async () => {
      client.terminate();
      for (const s of wss.clients) s.terminate();
      await new Promise((resolve) => wss.close(resolve));
      await new Promise((resolve) => httpServer.close(resolve));
    },
  };
}

/** count clients of one real WebSocket server, each with the server side's WebSocket and TCP socket. */
async function connectedMany(count: number) {
  const httpServer = http.createServer();
  const wss = new WebSocketServer({ server: httpServer });
  await new Promise<void>((resolve) => httpServer.listen(0, resolve));
  const url = `ws://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const pairs: Array<{ server: WebSocket; tcp: Socket; received: string[] }> = [];
  const clients: WebSocket[] = [];
  for (let i = 0; i < count; i++) {
    const accepted = new Promise<{ server: WebSocket; tcp: Socket }>((resolve) =>
      wss.once('connection', (server, request) => resolve({ server, tcp: request.socket })),
    );
    const client = new WebSocket(url);
    const received: string[] = [];
    client.on('message', (data: Buffer) => received.push(data.toString()));
    await new Promise((resolve) => client.once('open', resolve));
    pairs.push({ ...(await accepted), received });
    clients.push(client);
  }
  return {
    pairs,
    close: async () => {
      for (const client of clients) client.terminate();
      for (const s of wss.clients) s.terminate();
      await new Promise((resolve) => wss.close(resolve));
      await new Promise((resolve) => httpServer.close(resolve));
    },
  };
}

describe('SocketFlusher', () => {
  it('keeps each of many sockets in order across flushes, with messages written right after each flush, and leaves none corked', async () => {
    const many = await connectedMany(300);
    const flusher = new SocketFlusher();
    const writeAll = (message: string) => {
      for (const { server, tcp } of many.pairs) flusher.write(server, tcp, textFrame(message));
    };
    const expected: string[] = [];
    for (let round = 1; round <= 3; round++) {
      writeAll(`before-${round}`);
      flusher.flush();
      writeAll(`after-${round}`);
      expected.push(`before-${round}`, `after-${round}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await new Promise((resolve) => setTimeout(resolve, 2 * FLUSH_WINDOW_MS + 300));
    expect(many.pairs.filter((p) => p.received.join() !== expected.join()).length).toBe(0);
    expect(many.pairs.filter((p) => p.tcp.writableCorked > 0).length).toBe(0);
    await many.close();
  });

  it('delivers messages written within a window as separate frames, in order, that a WebSocket client reads', async () => {
    const pair = await connectedPair();
    const received: string[] = [];
    pair.client.on('message', (data: Buffer) => received.push(data.toString()));
    const flusher = new SocketFlusher();
    const messages = ['{"a":1}', 'x'.repeat(300), 'é€'.repeat(30_000), '{"last":true}'];
    for (const message of messages) flusher.write(pair.server, pair.tcp, textFrame(message));
    // Held until the window's flush, then all at once.
    expect(pair.tcp.writableLength).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, FLUSH_WINDOW_MS + 200));
    expect(received).toEqual(messages);
    await pair.close();
  });

  it('closes a subscriber that stopped reading once too much is waiting for it, with 1013 (try again later)', async () => {
    const pair = await connectedPair();
    const closed = new Promise<number>((resolve) => pair.client.once('close', (code) => resolve(code)));
    // The client reads nothing: the kernel's buffers fill, then the server's.
    pair.client.pause();
    const flusher = new SocketFlusher(64 * 1024);
    const frame = textFrame('y'.repeat(60_000));
    for (let i = 0; i < 2_000 && pair.server.readyState === WebSocket.OPEN; i++) {
      flusher.write(pair.server, pair.tcp, frame);
      if (i % 50 === 0) {
        flusher.flush();
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    expect(pair.server.readyState).not.toBe(WebSocket.OPEN);
    pair.client.resume();
    expect(await closed).toBe(1013);
    await pair.close();
  });
});
