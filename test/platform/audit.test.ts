import fs from 'node:fs';
import path from 'node:path';
import { getNamedType, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { getSchema } from '../../server/src/app/schema';
import { errorCode, gql, gqlOk } from '../support/client';
import { account, enroll, publishedProduct, unique } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { operationFor } from '../support/operations';
import { VALID_CALLS } from './audit-calls';
import { INTEGRATOR_KEY, invoicesOf, scene, usage } from './audit-scene';

interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  before: unknown;
  after: unknown;
}

interface AuditPage {
  nodes: AuditEntry[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  totalCount: number;
}

let t: TestHub;
let integrator: string;

const ENTRY_FIELDS = 'id at actor action subjectType subjectId before after';
const ADMIN = 'admin';
/** Users with their roles, API keys with their names and the keys' webhook endpoints: what only admins may read. */
const ADMIN_ONLY = ['User', 'ApiKey', 'WebhookEndpoint'];

function mutationFields(schema: GraphQLSchema): GraphQLField<unknown, unknown>[] {
  return Object.values(schema.getMutationType()?.getFields() ?? {});
}

/** The whole audit log through the API, newest first. */
async function wholeAuditLog(): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let after: string | null = null;
  for (;;) {
    const data: { auditLog: AuditPage } = await gqlOk(
      t.url,
      `query($after: String) { auditLog(first: 500, after: $after) { nodes { ${ENTRY_FIELDS} } pageInfo { endCursor hasNextPage } totalCount } }`,
      { after },
      t.adminToken,
    );
    entries.push(...data.auditLog.nodes);
    if (!data.auditLog.pageInfo.hasNextPage) {
      expect(entries).toHaveLength(data.auditLog.totalCount);
      return entries;
    }
    after = data.auditLog.pageInfo.endCursor;
  }
}

async function newestAuditId(): Promise<bigint> {
  const data = await gqlOk(t.url, '{ auditLog(first: 1) { nodes { id } } }', {}, t.adminToken);
  return data.auditLog.nodes.length ? BigInt(data.auditLog.nodes[0].id) : 0n;
}

async function entriesAfter(id: bigint): Promise<AuditEntry[]> {
  const data = await gqlOk(t.url, `{ auditLog(first: 500) { nodes { ${ENTRY_FIELDS} } } }`, {}, t.adminToken);
  return (data.auditLog.nodes as AuditEntry[]).filter((e) => BigInt(e.id) > id);
}

beforeAll(async () => {
  // Webhook endpoints point at a local address that refuses connections.
  t = await startTestHub({ HUB_WEBHOOK_ALLOW_PRIVATE: '1' });
  // The render worker's own entries (storeDocument, by system) could be numbered before the log is read and committed after.
  await t.hub.services.renderWorker.stop();
  integrator = await t.apiKey('INTEGRATOR', INTEGRATOR_KEY);
  scene.t = t;
  scene.integrator = integrator;

  // A customer who owes, two whose invoices are held by a low ceiling, one billed without an enrollment, one to drop.
  const product = await publishedProduct(
    t,
    { fixedCharge: '9.95', rates: [{ effectiveFrom: '2020-01-01', unitPrice: '0.10' }] },
    '2020-01-01',
  );
  await gqlOk(
    t.url,
    'mutation($input: BillingRulesInput!) { setBillingRules(input: $input) { segment } }',
    { input: { segment: 'AUDIT_HOLD', highConsumptionFactor: '2', swingPercent: '50', maxInvoiceAmount: '1.00', paymentTermsDays: 21 } },
    t.adminToken,
  );
  const owing = await account(t);
  const release = await account(t, { segment: 'AUDIT_HOLD' });
  const voided = await account(t, { segment: 'AUDIT_HOLD' });
  const unenrolled = await account(t);
  const dropping = await account(t, { segment: 'AUDIT_DROP' });
  const keeping = await account(t, { segment: 'AUDIT_DROP' });
  for (const a of [owing, release, voided, dropping, keeping]) await enroll(t, a.id, product.code, '2020-01-01');
  await usage(
    [owing, release, voided, unenrolled, dropping, keeping].map((a) => ({
      accountNumber: a.number,
      periodStart: '2025-01-01',
      periodEnd: '2025-02-01',
      quantity: '100',
    })),
  );
  await gqlOk(t.url, 'mutation { runBilling(asOf: "2025-02-01") { status } }', {}, t.adminToken);
  const [heldForRelease] = await invoicesOf(release.id);
  const [heldForVoid] = await invoicesOf(voided.id);
  expect([heldForRelease.status, heldForVoid.status]).toEqual(['HELD', 'HELD']);
  const queue = await gqlOk(
    t.url,
    '{ workQueue(key: "INVOICING") { items(status: OPEN) { nodes { id kind account { id } } } } }',
    {},
    t.adminToken,
  );
  const blocked = queue.workQueue.items.nodes.find((i: { account: { id: string } }) => i.account.id === unenrolled.id);
  expect(blocked.kind).toBe('NO_ENROLLMENT');
  scene.world = {
    productCode: product.code,
    owing,
    heldForRelease: heldForRelease.id,
    heldForVoid: heldForVoid.id,
    blockedItem: blocked.id,
    dropping,
    keeping,
  };
});
afterAll(async () => checkMoneyAndStop(t));

describe('the audit log', () => {
  it('has a valid call in audit-calls.ts for every mutation of the schema', async () => {
    const inSchema = mutationFields(await getSchema())
      .map((f) => f.name)
      .sort();
    const covered = VALID_CALLS.map(([name]) => name).sort();
    expect({ uncovered: inSchema.filter((n) => !covered.includes(n)), unknown: covered.filter((n) => !inSchema.includes(n)) }).toEqual({
      uncovered: [],
      unknown: [],
    });
    expect(new Set(covered).size).toBe(covered.length);
  });

  it('gets at least one new entry, naming the mutation and its caller, from every successful mutation, and only grows', async () => {
    const schema = await getSchema();
    const fields = new Map(mutationFields(schema).map((f) => [f.name, f]));
    const before = await wholeAuditLog();
    const problems: string[] = [];
    let called = 0;
    for (const [name, prepare] of VALID_CALLS) {
      const field = fields.get(name);
      if (!field) continue; // reported by the coverage test
      const call = await prepare();
      const since = await newestAuditId();
      const { query, variables } = operationFor('mutation', field, call.variables);
      const result = await gql(t.url, query, variables, call.token === undefined ? t.adminToken : call.token);
      called++;
      if (result.errors?.length) {
        problems.push(`${name}: the valid call failed with ${JSON.stringify(result.errors)}`);
        continue;
      }
      const added = await entriesAfter(since);
      const actor = call.actor ?? ADMIN;
      const own = added.filter((e) => e.action === name);
      if (own.length === 0) {
        problems.push(`${name}: no audit entry with action "${name}"; new entries: ${JSON.stringify(added.map((e) => e.action))}`);
      } else if (!own.some((e) => e.actor === actor)) {
        problems.push(`${name}: its audit entry names ${JSON.stringify(own.map((e) => e.actor))}, not the caller "${actor}"`);
      }
      for (const e of own) if (!e.subjectType || !e.subjectId) problems.push(`${name}: entry ${e.id} has no subject`);
    }
    expect(problems).toEqual([]);
    expect(called).toBe(fields.size);

    // Nothing the calls did changed or removed an entry that was there before them: the log only grew at its head.
    const after = await wholeAuditLog();
    expect(after.length).toBeGreaterThan(before.length);
    expect(after.slice(after.length - before.length)).toEqual(before);
    const oldest = before.length ? BigInt(before[0].id) : 0n;
    expect(after.slice(0, after.length - before.length).every((e) => BigInt(e.id) > oldest)).toBe(true);
  });

  it('offers no way to change or delete an entry: no mutation touches audit, and only the auditLog query reaches entries', async () => {
    const schema = await getSchema();
    const mutations = mutationFields(schema);
    expect(mutations.filter((f) => /audit/i.test(f.name)).map((f) => f.name)).toEqual([]);
    const auditTypes = new Set(['AuditEntry', 'AuditConnection']);
    expect(mutations.filter((f) => auditTypes.has(getNamedType(f.type).name)).map((f) => f.name)).toEqual([]);

    // Every field of every type that leads to audit entries: the auditLog query and the connection's own fields.
    const reaching: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (auditTypes.has(getNamedType(field.type).name)) reaching.push(`${type.name}.${field.name}`);
      }
    }
    expect(reaching.sort()).toEqual(['AuditConnection.nodes', 'Query.auditLog']);
    expect(schema.getQueryType()?.getFields().auditLog).toBeDefined();
    expect(Object.values(schema.getSubscriptionType()?.getFields() ?? {}).filter((f) => /audit/i.test(f.name))).toEqual([]);
  });

  it('is written by the transaction helper only: no server code updates or deletes an entry', () => {
    const root = path.resolve(__dirname, '../..');
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
        const full = path.join(dir, d.name);
        if (d.isDirectory()) return d.name === '__tests__' ? [] : files(full);
        return full.endsWith('.ts') ? [full] : [];
      });
    const touching = [...files(path.join(root, 'server/src')), ...files(path.join(root, 'migrations'))]
      .filter((f) => /AuditEntry|audit_entry/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(root, f))
      .sort();
    // The entity, its read-only service, resolver and visibility rules, the registry, the migrations that create the
    // table and collate its identifier columns, the one that reads it to record who started the runs already stored, the
    // customer timeline that reads who recorded each payment, and the one writer: Database.transaction's insert in the
    // command's own transaction.
    expect(touching).toEqual([
      'migrations/1763800000000-Platform.ts',
      'migrations/1796500003000-BinaryIdentifiers.ts',
      'migrations/1796502400000-Runs.ts',
      'server/src/app/entities.ts',
      'server/src/db/audit-entry.entity.ts',
      'server/src/db/database.ts',
      'server/src/modules/audit/audit-visibility.ts',
      'server/src/modules/audit/audit.resolver.ts',
      'server/src/modules/audit/audit.service.ts',
      'server/src/modules/timeline/timeline-sources.ts',
    ]);
    for (const reader of ['server/src/modules/audit/audit.service.ts', 'server/src/modules/timeline/timeline-sources.ts']) {
      expect(fs.readFileSync(path.join(root, reader), 'utf8')).not.toMatch(/\.(save|insert|update|delete|remove|softDelete|query)\(/);
    }
  });
});

describe('who reads which audit entries', () => {
  const SECRET_KEY_NAME = 'Clearing house feed';

  async function logAs(token: string, subjectType?: string): Promise<AuditPage> {
    const data = await gqlOk(
      t.url,
      `query($type: String) { auditLog(first: 500, subjectType: $type) { nodes { ${ENTRY_FIELDS} } pageInfo { hasNextPage } totalCount } }`,
      { type: subjectType ?? null },
      token,
    );
    return data.auditLog;
  }

  it('shows users, API keys and sign-ins to admins only; other readers see that an API key acted, not which', async () => {
    // Something of each kind: a user created and signed in, a key created and revoked, a key that records a payment.
    const operator = await t.userToken('OPERATOR', 'reader.operator');
    const feed = await t.apiKey('INTEGRATOR', SECRET_KEY_NAME);
    await gqlOk(
      t.url,
      'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }',
      { input: { accountNumber: scene.world.owing.number, amount: '1.00', channel: 'ACH', idempotencyKey: unique('reader-pay') } },
      feed,
    );
    const admin = await logAs(t.adminToken);
    const adminSees = admin.nodes.map((e) => `${e.subjectType}:${e.action}`);
    expect(adminSees).toEqual(expect.arrayContaining(['User:createUser', 'User:login', 'ApiKey:createApiKey', 'Payment:recordPayment']));
    expect(admin.nodes.find((e) => e.action === 'recordPayment' && e.actor === `apikey:${SECRET_KEY_NAME}`)).toBeDefined();
    expect(JSON.stringify(admin.nodes)).toContain('reader.operator');

    for (const [role, token] of [
      ['OPERATOR', operator],
      ['INTEGRATOR', integrator],
    ] as const) {
      const page = await logAs(token);
      expect({ role, hasNextPage: page.pageInfo.hasNextPage }).toEqual({ role, hasNextPage: false });
      // Whatever is left out is left out of the count too.
      expect({ role, count: page.totalCount }).toEqual({ role, count: page.nodes.length });
      expect({
        role,
        about: page.nodes.filter((e) => ADMIN_ONLY.includes(e.subjectType) || e.action === 'login'),
      }).toEqual({
        role,
        about: [],
      });
      const text = JSON.stringify(page.nodes);
      for (const secret of [SECRET_KEY_NAME, INTEGRATOR_KEY, 'reader.operator', '"role":"OPERATOR"', '"role":"ADMIN"']) {
        expect({ role, leaks: text.includes(secret) ? secret : null }).toEqual({ role, leaks: null });
      }
      // The payment the key recorded is there, its actor a key without a name; the rest of the log is the admin's, entry for entry.
      expect(page.nodes.filter((e) => e.action === 'recordPayment').map((e) => e.actor)).toContain('apikey');
      const visible = admin.nodes.filter((e) => !ADMIN_ONLY.includes(e.subjectType));
      expect(page.nodes.map((e) => e.id)).toEqual(visible.map((e) => e.id));

      for (const subjectType of ADMIN_ONLY) {
        const asked = await gql(t.url, '{ auditLog(subjectType: "' + subjectType + '") { totalCount } }', {}, token);
        expect({ role, subjectType, code: errorCode(asked) }).toEqual({ role, subjectType, code: 'FORBIDDEN' });
        expect(asked.errors?.[0].message).toMatch(/for admins only/);
      }
    }
    expect(errorCode(await gql(t.url, '{ auditLog { totalCount } }', {}, await t.apiKey('PARTNER')))).toBe('FORBIDDEN');
    expect((await logAs(t.adminToken, 'User')).totalCount).toBeGreaterThanOrEqual(3);
  });
});
