import { loadConfig } from '../../server/src/config/env';
import { startHub, type Hub } from '../../server/src/app/hub';
import { gqlOk } from './client';
import { createScratchDatabase, type ScratchDatabase } from './databases';
import { ADMIN_PASSWORD, testHubEnv } from './hub-env';
import { eventually } from './wait';

export { ADMIN_PASSWORD };

export interface TestHub {
  hub: Hub;
  url: string;
  db: ScratchDatabase;
  adminToken: string;
  /** Creates an API key of the role and returns its secret. */
  apiKey(role: 'ADMIN' | 'OPERATOR' | 'PARTNER' | 'INTEGRATOR', name?: string): Promise<string>;
  /** Creates a console user of the role and returns a signed-in token. */
  userToken(role: 'ADMIN' | 'OPERATOR' | 'PARTNER' | 'INTEGRATOR', username?: string): Promise<string>;
  stop(): Promise<void>;
}

let counter = 0;

/** The real hub on a free port over a fresh database (SQLite or MariaDB, per the jest project). */
export async function startTestHub(env: Record<string, string> = {}, existing?: ScratchDatabase): Promise<TestHub> {
  const db = existing ?? (await createScratchDatabase());
  const config = loadConfig({
    ...testHubEnv(db),
    // Suites drive the hub faster than a person; the suites about rate limits set their own.
    HUB_RATE_LIMIT_RPS: '0',
    ...env,
  });
  const hub = await startHub(config);
  const login = await gqlOk<{ login: { token: string } }>(
    hub.url,
    'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
    { u: 'admin', p: ADMIN_PASSWORD },
  );
  const adminToken = login.login.token;
  return {
    hub,
    url: hub.url,
    db,
    adminToken,
    apiKey: async (role, name = `${role.toLowerCase()}-key-${++counter}`) => {
      const data = await gqlOk<{ createApiKey: { secret: string } }>(
        hub.url,
        'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
        { input: { name, role } },
        adminToken,
      );
      return data.createApiKey.secret;
    },
    userToken: async (role, username = `${role.toLowerCase()}${++counter}`) => {
      const password = 'a-long-password';
      await gqlOk(
        hub.url,
        'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
        { input: { username, displayName: username, password, role } },
        adminToken,
      );
      const data = await gqlOk<{ login: { token: string } }>(
        hub.url,
        'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
        { u: username, p: password },
      );
      return data.login.token;
    },
    stop: async () => {
      await hub.stop();
      if (!existing) await db.drop();
    },
  };
}

/**
 * Waits until the event relay has moved every committed event from the
 * outbox to the event stream, which `events` reads: a mutation's events are
 * there once it returns to this, not when the mutation answers.
 */
export async function relayed(t: TestHub): Promise<void> {
  await eventually(
    'the relay to empty the outbox',
    async () => Number((await t.hub.db.manager.query('SELECT COUNT(*) AS n FROM outbox'))[0].n) === 0,
  );
}
