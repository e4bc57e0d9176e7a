import net from 'node:net';
import WebSocket from 'ws';
import { errorCode, gql, gqlOk, subscribe, wsClient } from '../support/client';
import { publishedProduct } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { sql } from '../support/sql';
import { eventually } from '../support/wait';

const MISSPELLED = [
  ['a field', '{ me { usernam } }', {}],
  ['an argument', '{ events(firs: 1) { totalCount } }', {}],
  ['an enum value in variables', 'query($t: [EventType!]) { events(types: $t) { totalCount } }', { t: ['PRODUCT_CHANGE'] }],
] as const;

describe('in production, where introspection is off', () => {
  let prod: TestHub;
  beforeAll(async () => {
    prod = await startTestHub({ NODE_ENV: 'production' });
  });
  afterAll(async () => prod?.stop());

  it.each(MISSPELLED)("does not suggest the schema's names for %s, over HTTP or WebSocket", async (_what, query, variables) => {
    const result = await gql(prod.url, query, variables, prod.adminToken);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).not.toMatch(/Did you mean|username|first|PRODUCT_CHANGED/);
    const client = wsClient(prod.url, prod.adminToken);
    try {
      const sub = subscribe(client, query, variables);
      await sub.done;
      expect(JSON.stringify(sub.errors)).toMatch(/BAD_USER_INPUT/);
      expect(JSON.stringify(sub.errors)).not.toMatch(/Did you mean|username|"first|PRODUCT_CHANGED/);
    } finally {
      await client.dispose();
    }
  });
});

describe('hostile text, dates and discounts', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => t?.stop());

  it('still suggests names outside production, where introspection shows them anyway', async () => {
    const result = await gql(t.url, MISSPELLED[0][1], {}, t.adminToken);
    expect(result.errors?.[0].message).toMatch(/Did you mean "username"/);
  });

  it('refuses a NUL byte or a lone surrogate in any string, stores nothing, and names the argument', async () => {
    const create = 'mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }';
    const input = { number: 'TXT-1', name: 'Plain', segment: 'RESIDENTIAL' };
    for (const [field, value] of [
      ['name', 'Ann\u0000Smith'],
      ['name', 'Broken \ud800 text'],
      ['number', 'TXT\udc00'],
      ['segment', '\u0000'],
    ] as const) {
      const result = await gql(t.url, create, { input: { ...input, [field]: value } }, t.adminToken);
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].message).toMatch(new RegExp(`input\\.${field} contains (a NUL|a lone)`));
    }
    const note = await gql(t.url, 'mutation { addWorkItemNote(id: "1", text: "x\\u0000y") { id } }', {}, t.adminToken);
    expect(errorCode(note)).toBe('BAD_USER_INPUT');
    expect(await sql(t, "SELECT id FROM account WHERE number LIKE 'TXT%'")).toEqual([]);
    // Text that is merely unusual is stored as sent.
    const ok = await gqlOk(t.url, create, { input: { ...input, name: 'Zoë 💸 e\u0301 \u202eevil' } }, t.adminToken);
    expect(ok.createAccount.id).toBeDefined();
  });

  it('refuses dates outside 1970-2199, such as a payment received in 9999', async () => {
    const pay = 'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }';
    const payment = { accountNumber: 'TXT-1', amount: '10.00', channel: 'ACH', idempotencyKey: 'far-1' };
    for (const receivedAt of ['9999-01-01T00:00:00.000Z', '1969-12-31T23:59:59.000Z']) {
      const result = await gql(t.url, pay, { input: { ...payment, receivedAt } }, t.adminToken);
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].message).toMatch(/years 1970 to 2199/);
    }
    const run = await gql(t.url, 'mutation { runBilling(asOf: "9999-12-31") { id } }', {}, t.adminToken);
    expect(errorCode(run)).toBe('BAD_USER_INPUT');
    expect(await sql(t, 'SELECT id FROM payment')).toEqual([]);
    expect(await sql(t, 'SELECT id FROM bill_run')).toEqual([]);
  });

  it('refuses a promo code with both a percentage and an amount off', async () => {
    const result = await gql(
      t.url,
      'mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }',
      {
        input: {
          code: 'BOTH',
          name: 'Both',
          unit: 'kWh',
          fixedCharge: '1.00',
          rates: [{ effectiveFrom: '2026-01-01', unitPrice: '0.1' }],
          promoCodes: [{ code: 'TWICE', percentOff: '10', amountOff: '5.00' }],
        },
      },
      t.adminToken,
    );
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/percentOff or amountOff, not both/);
    expect(await sql(t, "SELECT id FROM product WHERE code = 'BOTH'")).toEqual([]);
    const product = await publishedProduct(t);
    const add = await gql(
      t.url,
      'mutation($id: ID!) { addPromoCode(productId: $id, input: { code: "TWICE", percentOff: "10", amountOff: "5.00" }) { id } }',
      { id: product.id },
      t.adminToken,
    );
    expect(errorCode(add)).toBe('BAD_USER_INPUT');
  });

  it('logs clients that go away mid-request or mid-subscription below ERROR', async () => {
    const errors: string[] = [];
    const infos: string[] = [];
    const errorSpy = jest.spyOn(t.hub.log, 'error').mockImplementation((message) => void errors.push(message));
    const infoSpy = jest.spyOn(t.hub.log, 'info').mockImplementation((message) => void infos.push(message));
    try {
      // A request whose body never finishes.
      const socket = net.connect(t.hub.port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write('POST /graphql HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":');
      await new Promise((resolve) => setTimeout(resolve, 200));
      socket.destroy();
      await eventually('the aborted request to be noted', () => infos.some((m) => /went away/.test(m)));

      // Sockets dropped while answers are on their way, and one that sends bytes no WebSocket frame has.
      for (const drop of ['terminate', 'garbage'] as const) {
        const ws = new WebSocket(`${t.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
        ws.on('error', () => undefined);
        await new Promise((resolve) => ws.once('open', resolve));
        ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${t.adminToken}` } }));
        await new Promise((resolve) => ws.once('message', resolve));
        ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { events(after: "0") { id } }' } }));
        ws.send(JSON.stringify({ id: '2', type: 'subscribe', payload: { query: '{ a: accounts { totalCount } b: me { username } }' } }));
        if (drop === 'terminate') ws.terminate();
        else (ws as unknown as { _socket: net.Socket })._socket.write(Buffer.from([0x8f, 0x80, 0, 0, 0, 0]));
        await new Promise((resolve) => ws.once('close', resolve));
      }
      await eventually('the protocol breach to be noted', () => infos.some((m) => /broke the protocol/.test(m)));
      expect(errors).toEqual([]);
    } finally {
      errorSpy.mockRestore();
      infoSpy.mockRestore();
    }
  });
});
