import { describeEvent, type LiveEvent } from '../describe-event';

const event = (type: LiveEvent['type'], payload: unknown, accountNumber: string | null = 'A-7'): LiveEvent => ({
  id: '9',
  type,
  occurredAt: '2026-11-22T10:00:00.000Z',
  accountNumber,
  subjectId: '31',
  payload,
});

describe('describeEvent', () => {
  it('reads amounts given as Money strings or, from bill runs, as integer cents, exactly', () => {
    expect(describeEvent(event('PAYMENT_RECEIVED', { amount: '19.95', channel: 'ACH' }))).toMatchObject({
      title: 'Payment of $19.95 received',
      detail: 'Account A-7 · ACH',
      link: '/accounts/by-number/A-7',
    });
    expect(describeEvent(event('INVOICE_HELD', { number: 'INV-00000031', total: 123450 })).detail).toBe('Account A-7 · $1,234.50');
    expect(describeEvent(event('INVOICE_ISSUED', { number: 'INV-00000032', total: 10808 })).detail).toBe('Account A-7 · $108.08');
    expect(describeEvent(event('INCENTIVE_EARNED', { kind: 'GIFT_CARD', value: 5000, description: 'Gift card' })).title).toBe(
      'Incentive earned: $50.00',
    );
    expect(describeEvent(event('PAYMENT_PLAN_CREATED', { total: '300.00', installments: 3 })).detail).toBe(
      'Account A-7 · $300.00 in 3 installments',
    );
  });

  it('names the credit note and its invoice, and a refund, with their amounts', () => {
    expect(
      describeEvent(
        event('CREDIT_NOTE_ISSUED', {
          number: 'CN-00000031',
          total: '12.50',
          invoiceId: '12',
          invoiceNumber: 'INV-00000012',
          reason: 'Misread',
        }),
      ),
    ).toMatchObject({
      title: 'Credit note CN-00000031 of $12.50 issued',
      detail: 'Account A-7 · INV-00000012 · Misread',
      link: '/invoices/12',
    });
    expect(describeEvent(event('REFUND_RECORDED', { amount: '40.00', channel: 'ACH' }))).toMatchObject({
      title: 'Refund of $40.00 recorded',
      detail: 'Account A-7 · ACH',
    });
  });

  it('points each event at the screen where an operator acts on it', () => {
    expect(describeEvent(event('EXCEPTION_RAISED', { code: 'MISSING_RATE', severity: 'CRITICAL', message: 'No rate' }))).toMatchObject({
      title: 'Missing rate exception raised',
      tone: 'danger',
      link: '/review?tab=blocked',
    });
    expect(describeEvent(event('EXCEPTION_RAISED', { code: 'BILL_SWING', severity: 'THRESHOLD', invoiceId: '12' })).link).toBe(
      '/invoices/12',
    );
    expect(describeEvent(event('WORK_ITEM_CREATED', { queueKey: 'INVOICING', title: 'Missing rate for A-7' })).link).toBe(
      '/queues/INVOICING?item=31',
    );
    expect(
      describeEvent(event('ACCOUNT_STATUS_CHANGED', { from: 'ACTIVE', to: 'DROP_PENDING', reason: '61 days past due' })),
    ).toMatchObject({
      title: 'Account A-7 is now drop pending',
      detail: '61 days past due',
    });
    expect(
      describeEvent(
        event('COLLECTIONS_ACTION_TAKEN', { action: 'LETTER', stepName: 'Past-due letter', pastDue: '151.41', daysPastDue: 61 }),
      ),
    ).toMatchObject({
      title: 'Collections: Past-due letter',
      detail: 'Account A-7 · $151.41 past due · 61 days',
    });
  });
});
