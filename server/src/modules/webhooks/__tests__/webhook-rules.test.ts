import { Webhook } from 'standardwebhooks';
import { Role } from '../../../common/auth/roles';
import { EventType } from '../../../events/event-types';
import { afterFailure, checkEventTypes, deliveredTypes, newSecret, signatureHeader, signingSecrets } from '../webhook-rules';

const S = 1000;
const H = 3600 * S;
const policy = { scheduleMs: [5 * S, 300 * S, 1800 * S, 2 * H, 5 * H, 10 * H], windowMs: 72 * H };
const t0 = new Date('2026-12-05T00:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('afterFailure', () => {
  it('backs off 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, then every 10 h', () => {
    let since: Date | null = null;
    let now = t0;
    const waits: number[] = [];
    for (let failures = 1; failures <= 8; failures++) {
      const next = afterFailure({ failures, failingSince: since, now, policy });
      if (next.disable) throw new Error('disabled too early');
      waits.push(next.nextAttemptAt.getTime() - now.getTime());
      since = next.failingSince;
      now = next.nextAttemptAt;
    }
    expect(waits).toEqual([5 * S, 300 * S, 1800 * S, 2 * H, 5 * H, 10 * H, 10 * H, 10 * H]);
    expect(since).toEqual(t0);
  });

  it('makes its last attempt at the end of the 3 days and disables the endpoint when that one fails', () => {
    const late = afterFailure({ failures: 9, failingSince: t0, now: at(70 * H), policy });
    expect(late).toEqual({ disable: false, nextAttemptAt: at(72 * H), failingSince: t0 });
    expect(afterFailure({ failures: 10, failingSince: t0, now: at(72 * H), policy })).toEqual({ disable: true });
  });
});

describe('event types by role', () => {
  it('gives a partner key PRODUCT_CHANGED only, and refuses anything else with what it may choose', () => {
    expect(deliveredTypes(Role.PARTNER, [])).toEqual([EventType.PRODUCT_CHANGED]);
    expect(() => checkEventTypes(Role.PARTNER, [EventType.PAYMENT_RECEIVED])).toThrow(
      'A PARTNER key may not receive PAYMENT_RECEIVED; choose among PRODUCT_CHANGED',
    );
  });

  it('gives the reading roles every type, and an empty list means all of them', () => {
    for (const role of [Role.ADMIN, Role.OPERATOR, Role.INTEGRATOR]) {
      expect(deliveredTypes(role, [])).toEqual(Object.values(EventType));
      expect(checkEventTypes(role, [EventType.PAYMENT_RECEIVED, EventType.PAYMENT_RECEIVED])).toEqual([EventType.PAYMENT_RECEIVED]);
    }
  });
});

describe('signatures', () => {
  const body = JSON.stringify({ type: 'PAYMENT_RECEIVED', timestamp: t0.toISOString(), data: { id: '7' } });
  const now = new Date();
  const ts = Math.floor(now.getTime() / 1000);

  it('are verified by the standardwebhooks library', () => {
    const secret = newSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const headers = { 'webhook-id': '7', 'webhook-timestamp': String(ts), 'webhook-signature': signatureHeader([secret], '7', ts, body) };
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newSecret()).verify(body, headers)).toThrow('No matching signature found');
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow('No matching signature found');
  });

  it('carry both secrets for 24 hours after a rotation, then the new one only', () => {
    const endpoint = { secret: newSecret(), previousSecret: newSecret(), previousSecretUntil: new Date(now.getTime() + 1000) };
    const both = signingSecrets(endpoint, now);
    expect(both).toEqual([endpoint.secret, endpoint.previousSecret]);
    const headers = { 'webhook-id': '7', 'webhook-timestamp': String(ts), 'webhook-signature': signatureHeader(both, '7', ts, body) };
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const s of both) expect(new Webhook(s).verify(body, headers)).toEqual(JSON.parse(body));
    expect(signingSecrets(endpoint, new Date(now.getTime() + 1000))).toEqual([endpoint.secret]);
  });
});
