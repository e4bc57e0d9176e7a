import { checkLine, invoiceIdOf, matchLine, referenceConflict, remittanceKey, suspenseDetail, type PaymentLine } from '../remittance-lines';

const NOW = new Date('2026-03-01T12:00:00Z');

describe('remittance lines', () => {
  it('reads invoice numbers as customers write them', () => {
    expect(invoiceIdOf('INV-00001234')).toBe('1234');
    expect(invoiceIdOf(' inv-42 ')).toBe('42');
    expect(invoiceIdOf('42')).toBe('42');
    expect(invoiceIdOf('INV-')).toBeNull();
    expect(invoiceIdOf('ACME-7')).toBeNull();
  });

  it('keys payments by the line reference', () => {
    expect(remittanceKey('CHK-1')).toBe('remittance:CHK-1');
  });

  it('tells payment lines, returned lines and bad lines apart', () => {
    expect(checkLine({ reference: ' R1 ', amount: 1250, accountNumber: 'A-1', invoiceNumber: '' }, 0, NOW)).toEqual({
      kind: 'PAYMENT',
      index: 0,
      reference: 'R1',
      amount: 1250,
      receivedAt: null,
      accountNumber: 'A-1',
      invoiceNumber: null,
    });
    expect(checkLine({ reference: 'R2', amount: 100, returned: true, returnedReference: 'R1' }, 3, NOW)).toEqual({
      kind: 'RETURN',
      index: 3,
      reference: 'R2',
      amount: 100,
      returnedReference: 'R1',
    });
    expect(checkLine({ reference: 'R3', amount: 0 }, 1, NOW)).toMatchObject({
      kind: 'INVALID',
      message: expect.stringContaining('more than 0'),
    });
    expect(checkLine({ reference: '', amount: 5 }, 2, NOW)).toMatchObject({
      kind: 'INVALID',
      message: expect.stringContaining('reference'),
    });
    expect(checkLine({ reference: 'R4', amount: 5, returned: true }, 4, NOW)).toMatchObject({
      kind: 'INVALID',
      message: expect.stringContaining('returnedReference'),
    });
    expect(checkLine({ reference: 'x'.repeat(117), amount: 5 }, 5, NOW)).toMatchObject({ kind: 'INVALID' });
  });

  it('says what an unmatched line named', () => {
    expect(suspenseDetail(null, null)).toBe('No account or invoice number');
    expect(suspenseDetail('A-9', 'INV-1')).toBe('Unknown account A-9, invoice INV-1');
  });

  it('matches a line by its known account, else by its invoice, and holds one whose account and invoice disagree', () => {
    const known = new Set(['A-1', 'B-2']);
    expect(matchLine({ accountNumber: 'A-1', invoiceNumber: null }, known, null)).toEqual({ accountNumber: 'A-1', detail: null });
    expect(matchLine({ accountNumber: 'A-1', invoiceNumber: 'INV-7' }, known, 'A-1')).toEqual({ accountNumber: 'A-1', detail: null });
    expect(matchLine({ accountNumber: 'A-1', invoiceNumber: 'INV-9' }, known, null)).toEqual({ accountNumber: 'A-1', detail: null });
    expect(matchLine({ accountNumber: 'Z-0', invoiceNumber: 'INV-8' }, known, 'B-2')).toEqual({ accountNumber: 'B-2', detail: null });
    expect(matchLine({ accountNumber: 'A-1', invoiceNumber: 'INV-8' }, known, 'B-2')).toEqual({
      accountNumber: null,
      detail: "Account A-1, but invoice INV-8 is account B-2's",
    });
    expect(matchLine({ accountNumber: 'Z-0', invoiceNumber: 'INV-9' }, known, null)).toEqual({
      accountNumber: null,
      detail: 'Unknown account Z-0, invoice INV-9',
    });
  });

  it('takes a line paid to the account it names before as the same payment, though it would be held now', () => {
    const line = {
      kind: 'PAYMENT',
      index: 0,
      reference: 'R1',
      amount: 500,
      accountNumber: 'A-1',
      invoiceNumber: 'INV-8',
      receivedAt: null,
    };
    const held = matchLine(line, new Set(['A-1']), 'B-2');
    expect(referenceConflict({ amount: 500, accountNumber: 'A-1', detail: null }, line as PaymentLine, held)).toBeNull();
    expect(referenceConflict({ amount: 500, accountNumber: 'B-2', detail: null }, line as PaymentLine, held)).toMatch(/already recorded/);
    expect(referenceConflict({ amount: 400, accountNumber: 'A-1', detail: null }, line as PaymentLine, held)).toMatch(/already recorded/);
  });

  it('refuses a line received on a day that has not come, with a day of slack for clocks and time zones', () => {
    const line = (receivedAt: string) => ({ reference: 'R9', amount: 500, accountNumber: 'A-1', receivedAt: new Date(receivedAt) });
    expect(checkLine(line('2026-03-02T12:00:00Z'), 0, NOW)).toMatchObject({ kind: 'PAYMENT' });
    expect(checkLine(line('2026-03-02T12:00:00.001Z'), 0, NOW)).toEqual({
      kind: 'INVALID',
      index: 0,
      message:
        "Line 0: receivedAt 2026-03-02T12:00:00.001Z has not come yet: a payment is recorded once it is received (at most a day ahead of the hub's clock)",
    });
    expect(checkLine(line('1999-01-01T00:00:00Z'), 0, NOW)).toMatchObject({ kind: 'PAYMENT' });
  });
});
