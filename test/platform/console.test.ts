import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { compressResponses } from '../../server/src/app/compress';
import { mountConsole } from '../../server/src/app/console';
import { startTestHub, type TestHub } from '../support/hub';

/** The console as the hub serves it: index.html for every screen's path, hashed assets cached, the API untouched. */
describe('serving the console', () => {
  let dir: string;
  let t: TestHub;
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-console-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>console</title><div id="root"></div>');
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    const app = express();
    app.get('/graphql', (_req, res) => void res.json({ api: true }));
    mountConsole(app, dir);
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t = await startTestHub();
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers / and every screen path with index.html, revalidated on each load', async () => {
    for (const p of ['/', '/accounts/42', '/queues/INVOICING?item=3']) {
      const res = await fetch(`${url}${p}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  it('caches hashed assets for a year and answers a missing one with a plain 404', async () => {
    const asset = await fetch(`${url}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const missing = await fetch(`${url}/assets/index-old999.js`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('Not found\n');
  });

  it('leaves the API, the health check and the exports to their own handlers', async () => {
    expect(await (await fetch(`${url}/graphql`)).json()).toEqual({ api: true });
    expect((await fetch(`${url}/exports/dialer/1.csv`)).status).toBe(404);
    expect((await fetch(`${url}/healthz`)).status).toBe(404);
    const post = await fetch(`${url}/accounts/42`, { method: 'POST' });
    expect(post.status).toBe(404);
  });

  it('sends a large script compressed and whole, as a browser asks for it (br or gzip)', async () => {
    // As the hub serves it: compression in front of the console's files. A built console's script is hundreds of KB.
    const script = Array.from({ length: 20_000 }, (_, i) => `export const v${i} = ${(i * 7919) % 100_003};`).join('\n');
    fs.writeFileSync(path.join(dir, 'assets', 'index-big456.js'), script);
    const app = express();
    app.use(compressResponses());
    mountConsole(app, dir);
    const served = http.createServer(app);
    await new Promise<void>((resolve) => served.listen(0, '127.0.0.1', resolve));
    try {
      for (const encoding of ['gzip, deflate, br, zstd', 'gzip']) {
        const res = await fetch(`http://127.0.0.1:${(served.address() as AddressInfo).port}/assets/index-big456.js`, {
          headers: { 'accept-encoding': encoding },
          // A stalled answer fails here, not at the test's timeout.
          signal: AbortSignal.timeout(20_000),
        });
        expect(res.headers.get('content-encoding')).toBe(encoding === 'gzip' ? 'gzip' : 'br');
        expect(await res.text()).toBe(script);
      }
    } finally {
      await new Promise((resolve) => served.close(resolve));
    }
  });

  it('says how to build the console when it is not built', async () => {
    const app = express();
    mountConsole(app, path.join(dir, 'missing'));
    const bare = http.createServer(app);
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('npm run build:console');
    } finally {
      await new Promise((resolve) => bare.close(resolve));
    }
  });

  it('is mounted by the hub after the API: /healthz and /graphql still answer as before', async () => {
    const health = await fetch(`${t.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const gql = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(gql.status).toBe(200);
    const page = await fetch(`${t.url}/products/new`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
  });
});
