import http from 'node:http';
import zlib from 'node:zlib';
import { startTestHub, type TestHub } from '../support/hub';

const ALLOWED = 'https://console.example.com';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub({ HUB_CORS_ORIGINS: `${ALLOWED}, http://localhost:5173` });
});
afterAll(async () => t?.stop());

function preflight(origin: string, url = t.url): Promise<Response> {
  return fetch(`${url}/graphql`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });
}

describe('calls from browsers on other origins', () => {
  it('answers the preflight of a listed origin, and of no other', async () => {
    const allowed = await preflight(ALLOWED);
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(allowed.headers.get('access-control-allow-methods')).toMatch(/POST/);
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("lets a listed origin read the answer, and still refuses what a browser could forge (Apollo's CSRF prevention)", async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { origin: ALLOWED, 'content-type': 'application/json', authorization: `Bearer ${t.adminToken}` },
      body: JSON.stringify({ query: '{ me { username } }' }),
    });
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(await res.json()).toEqual({ data: { me: { username: 'admin' } } });
    const forged = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { origin: ALLOWED, 'content-type': 'text/plain' },
      body: JSON.stringify({ query: 'mutation { login(username: "admin", password: "x") { token } }' }),
    });
    expect(forged.status).toBe(400);
  });

  it('sends no CORS headers at all when no origin is listed', async () => {
    const plain = await startTestHub();
    try {
      const res = await preflight(ALLOWED, plain.url);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await plain.stop();
    }
  });
});

/** The raw answer, bytes as they came over the wire (fetch would decompress them). */
function raw(path: string, headers: Record<string, string>, body?: string): Promise<{ headers: http.IncomingHttpHeaders; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${t.url}${path}`, { method: body ? 'POST' : 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, bytes: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('compression', () => {
  const big = JSON.stringify({ query: '{ __schema { types { name description fields { name description } } } }' });
  const small = JSON.stringify({ query: '{ me { username } }' });
  const post = (encoding: string | null, body: string) =>
    raw(
      '/graphql',
      { 'content-type': 'application/json', authorization: `Bearer ${t.adminToken}`, ...(encoding ? { 'accept-encoding': encoding } : {}) },
      body,
    );

  it('compresses an answer over 1 KB with the encoding the client prefers, and it reads back the same', async () => {
    const plain = await post(null, big);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.bytes.length).toBeGreaterThan(10_000);
    const br = await post('gzip, deflate, br', big);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.bytes.length).toBeLessThan(plain.bytes.length / 3);
    expect(JSON.parse(zlib.brotliDecompressSync(br.bytes).toString())).toEqual(JSON.parse(plain.bytes.toString()));
    const gzip = await post('gzip;q=1, br;q=0', big);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gzip.bytes).toString())).toEqual(JSON.parse(plain.bytes.toString()));
  });

  it('leaves small answers and clients that do not ask for it alone', async () => {
    const tiny = await post('gzip, br', small);
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(tiny.bytes.toString())).toEqual({ data: { me: { username: 'admin' } } });
    expect((await post('identity', big)).headers['content-encoding']).toBeUndefined();
  });

  it('does not touch the WebSocket upgrade', async () => {
    const upgrade = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${t.url}/graphql`, {
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          'accept-encoding': 'gzip, br',
          'sec-websocket-version': '13',
          'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
          'sec-websocket-protocol': 'graphql-transport-ws',
        },
      });
      req.on('upgrade', (res, socket) => {
        socket.destroy();
        resolve(res.statusCode ?? 0);
      });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
    expect(upgrade).toBe(101);
  });
});
