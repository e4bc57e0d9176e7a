import { checkLine, invoiceIdOf, remittanceKey, suspenseDetail } from '../remittance-lines';

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
    expect(checkLine({ reference: ' R1 ', amount: 1250, accountNumber: 'A-1', invoiceNumber: '' }, 0)).toEqual({
      kind: 'PAYMENT',
      index: 0,
      reference: 'R1',
      amount: 1250,
      receivedAt: null,
      accountNumber: 'A-1',
      invoiceNumber: null,
    });
    expect(checkLine({ reference: 'R2', amount: 100, returned: true, returnedReference: 'R1' }, 3)).toEqual({
      kind: 'RETURN',
      index: 3,
      reference: 'R2',
      amount: 100,
      returnedReference: 'R1',
    });
    expect(checkLine({ reference: 'R3', amount: 0 }, 1)).toMatchObject({
      kind: 'INVALID',
      message: expect.stringContaining('more than 0'),
    });
    expect(checkLine({ reference: '', amount: 5 }, 2)).toMatchObject({ kind: 'INVALID', message: expect.stringContaining('reference') });
    expect(checkLine({ reference: 'R4', amount: 5, returned: true }, 4)).toMatchObject({
      kind: 'INVALID',
      message: expect.stringContaining('returnedReference'),
    });
    expect(checkLine({ reference: 'x'.repeat(117), amount: 5 }, 5)).toMatchObject({ kind: 'INVALID' });
  });

  it('says what an unmatched line named', () => {
    expect(suspenseDetail(null, null)).toBe('No account or invoice number');
    expect(suspenseDetail('A-9', 'INV-1')).toBe('Unknown account A-9, invoice INV-1');
  });
});
