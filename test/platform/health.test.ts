import { gqlOk, subscribe, wsClient } from '../support/client';
import { createScratchDatabase, type ScratchDatabase } from '../support/databases';
import { ADMIN_PASSWORD, startTestHub, type TestHub } from '../support/hub';
import { testHubEnv } from '../support/hub-env';
import { spawnHub, type HubProcess } from '../support/process';

async function health(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}/healthz`);
  return { status: res.status, body: await res.json() };
}

describe('GET /healthz', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => t?.stop());

  it('answers 200 while the database is reachable', async () => {
    expect(await health(t.url)).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('answers 503 once the database is gone', async () => {
    const scratch = await createScratchDatabase();
    const lost = await startTestHub({ HUB_LOG_LEVEL: 'silent' }, scratch);
    try {
      expect((await health(lost.url)).status).toBe(200);
      await lost.hub.db.ds.destroy();
      expect(await health(lost.url)).toEqual({ status: 503, body: { status: 'database unreachable' } });
    } finally {
      // Its data source is already closed, so stopping reports that; the rest still stops.
      await lost.hub.stop().catch(() => undefined);
      await scratch.drop();
    }
    // The other hub is unaffected.
    expect((await health(t.url)).status).toBe(200);
  });
});

describe('the server process', () => {
  let scratch: ScratchDatabase;
  let proc: HubProcess | null = null;
  beforeEach(async () => {
    scratch = await createScratchDatabase();
  });
  afterEach(async () => {
    if (proc && proc.child.exitCode === null && proc.child.signalCode === null) {
      proc.child.kill('SIGKILL');
      await proc.exited;
    }
    proc = null;
    await scratch.drop();
  });

  const baseEnv = () => testHubEnv(scratch);

  it('stops on SIGTERM with exit code 0, closing its sockets and its port', async () => {
    proc = spawnHub(baseEnv());
    const url = await proc.ready();
    expect((await health(url)).status).toBe(200);
    const login = await gqlOk(url, `mutation { login(username: "admin", password: "${ADMIN_PASSWORD}") { token } }`);

    let closeCode = 0;
    const client = wsClient(url, login.login.token, { onClose: (code) => (closeCode = code) });
    const sub = subscribe(client, 'subscription { events { id } }');
    await new Promise((r) => setTimeout(r, 200));
    expect(sub.errors).toEqual([]);

    proc.child.kill('SIGTERM');
    const timer = setTimeout(() => proc?.child.kill('SIGKILL'), 15_000);
    const exit = await proc.exited;
    clearTimeout(timer);
    expect(exit).toEqual({ code: 0, signal: null });
    await sub.done;
    expect(closeCode).not.toBe(0);
    await client.dispose();
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    expect(proc.stderr()).toBe('');
  });

  it.each([
    ['PORT', 'abc'],
    ['HUB_TIMEZONE', 'Mars/Olympus_Mons'],
    ['DATABASE_URL', 'postgres://db.example/hub'],
  ])('refuses to start when %s is %s, with one line naming it', async (variable, value) => {
    proc = spawnHub({ ...baseEnv(), [variable]: value });
    const exit = await proc.exited;
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    const lines = proc.stderr().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(variable);
    expect(proc.stdout()).not.toMatch(/ready at/);
  });
});
