import { correctionOf, decideTwin, parseRegister } from '../read-rules';

describe('parseRegister', () => {
  it('defaults to TOTAL and keeps a well-formed code', () => {
    expect(parseRegister(undefined)).toEqual({ register: 'TOTAL' });
    expect(parseRegister(null)).toEqual({ register: 'TOTAL' });
    expect(parseRegister('ON_PEAK')).toEqual({ register: 'ON_PEAK' });
    expect(parseRegister(' DEMAND ')).toEqual({ register: 'DEMAND' });
    expect(parseRegister('A234567890123456')).toEqual({ register: 'A234567890123456' });
  });

  it('refuses lower case, other characters, empty and over 16 characters', () => {
    for (const bad of ['on_peak', 'ON-PEAK', '', ' ', 'A2345678901234567', 'PEAKÉ']) {
      expect(parseRegister(bad)).toEqual({ error: expect.stringMatching(/A-Z, 0-9 and _/) });
    }
  });
});

describe('decideTwin', () => {
  const read = (quantity: number, estimated: boolean) => ({ quantity, estimated });

  it('same quantity and quality is a duplicate, even when asked to replace', () => {
    expect(decideTwin({ stored: read(5, true), incoming: read(5, true), replace: false })).toBe('DUPLICATE');
    expect(decideTwin({ stored: read(5, false), incoming: read(5, false), replace: true })).toBe('DUPLICATE');
  });

  it('an actual read replaces an estimate', () => {
    expect(decideTwin({ stored: read(5, true), incoming: read(7, false), replace: false })).toBe('REPLACE');
    expect(decideTwin({ stored: read(5, true), incoming: read(5, false), replace: false })).toBe('REPLACE');
  });

  it('anything else conflicts unless the input says replace', () => {
    expect(decideTwin({ stored: read(5, false), incoming: read(7, false), replace: false })).toBe('CONFLICT');
    expect(decideTwin({ stored: read(5, false), incoming: read(5, true), replace: false })).toBe('CONFLICT');
    expect(decideTwin({ stored: read(5, true), incoming: read(6, true), replace: false })).toBe('CONFLICT');
    expect(decideTwin({ stored: read(5, false), incoming: read(7, false), replace: true })).toBe('REPLACE');
    expect(decideTwin({ stored: read(5, false), incoming: read(7, true), replace: true })).toBe('REPLACE');
  });
});

describe('correctionOf', () => {
  const base = { estimated: true, invoiceId: null, invoiceStands: false, correctsInvoiceId: null, correction: null };

  it('names the issued invoice that billed the replaced read', () => {
    expect(correctionOf({ ...base, invoiceId: '123', invoiceStands: true }, { estimated: false })).toEqual({
      correctsInvoiceId: '123',
      correction: 'Corrects INV-00000123: actual read replaces estimate',
    });
    expect(correctionOf({ ...base, estimated: false, invoiceId: '7', invoiceStands: true }, { estimated: false })).toEqual({
      correctsInvoiceId: '7',
      correction: 'Corrects INV-00000007: corrected read',
    });
  });

  it('carries over what an unbilled or held read corrected', () => {
    expect(correctionOf(base, { estimated: false })).toEqual({ correctsInvoiceId: null, correction: null });
    const chained = {
      ...base,
      invoiceId: '9',
      invoiceStands: false,
      correctsInvoiceId: '4',
      correction: 'Corrects INV-00000004: corrected read',
    };
    expect(correctionOf(chained, { estimated: false })).toEqual({
      correctsInvoiceId: '4',
      correction: 'Corrects INV-00000004: corrected read',
    });
  });
});
