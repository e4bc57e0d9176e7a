import {
  afterFailure,
  classifySendFailure,
  deliveryMessageId,
  MAX_DELIVERY_ATTEMPTS,
  mailSubject,
  mailText,
  retryDelayMs,
} from '../delivery-rules';

describe('classifySendFailure', () => {
  it('takes a 5xx answer as a refusal for good', () => {
    const failure = classifySendFailure(Object.assign(new Error('x'), { responseCode: 550, response: '550 5.1.1 no such\n user' }));
    expect(failure).toEqual({ permanent: true, reason: 'the mail server refused it: 550 5.1.1 no such user' });
  });

  it('takes a 4xx answer, a refused connection and a timeout as temporary', () => {
    expect(classifySendFailure(Object.assign(new Error('x'), { responseCode: 451, response: '451 try later' })).permanent).toBe(false);
    const refused = classifySendFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' }));
    expect(refused).toEqual({ permanent: false, reason: 'ESOCKET: connect ECONNREFUSED 127.0.0.1:25' });
    expect(classifySendFailure(Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' })).permanent).toBe(false);
    expect(classifySendFailure('odd').permanent).toBe(false);
  });
});

describe('back-off', () => {
  it('waits the base, then four times longer each time, at most 256 times the base', () => {
    expect([1, 2, 3, 4, 5, 6, 9].map((n) => retryDelayMs(1000, n))).toEqual([1000, 4000, 16000, 64000, 256000, 256000, 256000]);
  });

  it('gives up at once on a permanent failure, and after the last attempt on a temporary one', () => {
    expect(afterFailure({ permanent: true, reason: 'no' }, 1, 1000)).toEqual({ giveUp: true, reason: 'no' });
    expect(afterFailure({ permanent: false, reason: 'busy' }, 2, 1000)).toEqual({ giveUp: false, retryInMs: 4000 });
    expect(afterFailure({ permanent: false, reason: 'busy' }, MAX_DELIVERY_ATTEMPTS, 1000)).toEqual({
      giveUp: true,
      reason: `gave up after ${MAX_DELIVERY_ATTEMPTS} attempts: busy`,
    });
  });
});

describe('mail wording', () => {
  it('names the document and the account', () => {
    expect(mailSubject('INVOICE', 'Nordlys')).toBe('Your bill from Nordlys');
    expect(mailSubject('LETTER', 'Nordlys')).toBe('A letter about your account from Nordlys');
    expect(mailText('CREDIT_NOTE', 'ACC-1', 'Nordlys')).toContain('your credit note for account ACC-1 attached as a PDF');
  });
});

describe('deliveryMessageId', () => {
  it("is the same for every attempt of a delivery, in the sender's domain", () => {
    expect(deliveryMessageId('7', '42', 'Billing <bills@retailer.example>')).toBe('<delivery-7.document-42@retailer.example>');
    expect(deliveryMessageId('7', '42', 'billing@localhost')).toBe(deliveryMessageId('7', '42', 'billing@localhost'));
    expect(deliveryMessageId('8', '42', 'nobody')).toBe('<delivery-8.document-42@localhost>');
  });
});
