import { SignJWT } from 'jose';
import { gqlOk } from '../support/client';
import { startTestHub, type TestHub } from '../support/hub';
import { storedSetting } from '../../server/src/db/settings';
import { launchConsoleBrowser, type ConsoleBrowser } from './support/browser';
import { ensureConsoleBuilt } from './support/console';

/** What is left of the session when the console opens. */
const SESSION_LEFT_S = 15;

/**
 * A session that runs out while the console is open: the hub closes the
 * console's socket with 4403, and the console sends the operator back to the
 * sign-in screen, saying why, instead of reconnecting with the dead token.
 */
describe('console: session expiry', () => {
  let t: TestHub;
  let b: ConsoleBrowser;

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestHub();
    b = await launchConsoleBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.stop();
  });

  it('goes back to sign-in when the socket is closed at expiry, and opens no new socket with the expired token', async () => {
    const { page } = b;
    // A session about to run out, signed as the hub signs every session (its signing key is kept in the database).
    // Long enough for the console to load and go live on a loaded machine first: an earlier end is another case.
    const secret = await storedSetting(t.hub.db, 'jwt_secret', () => {
      throw new Error('the hub has no signing key');
    });
    const me = (await gqlOk(t.url, '{ me { id username displayName role } }', {}, t.adminToken)).me;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(me.id as string)
      .setIssuer('billing-hub')
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + SESSION_LEFT_S)
      .sign(new TextEncoder().encode(secret));

    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await page.goto(t.url, { timeout: 30_000 });
    await page.evaluate(`sessionStorage.setItem('billing-hub.session', ${JSON.stringify(JSON.stringify({ token, user: me }))})`);
    await page.goto(t.url, { timeout: 30_000 });
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    expect(sockets).toHaveLength(1);

    // Nothing else happens meanwhile: only the socket's close can tell the console the session ended.
    await page.getByRole('status').filter({ hasText: 'Your session has ended' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate("sessionStorage.getItem('billing-hub.session')")).toBeNull();
    await new Promise((r) => setTimeout(r, 5_000));
    expect(sockets).toHaveLength(1);
    expect(b.errors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});
