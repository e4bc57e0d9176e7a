import { documentFileName } from '../document-file-name';
import { DocumentKind } from '../document.entity';

describe('documentFileName', () => {
  it('names a bill by its invoice number, a credit note by its number and a letter by its document id', () => {
    expect(documentFileName({ id: '665', kind: DocumentKind.INVOICE, invoiceId: '610', creditNoteId: null })).toBe('INV-00000610.pdf');
    expect(documentFileName({ id: '668', kind: DocumentKind.CREDIT_NOTE, invoiceId: '610', creditNoteId: '12' })).toBe('CN-00000012.pdf');
    expect(documentFileName({ id: '42', kind: DocumentKind.LETTER, invoiceId: null, creditNoteId: null })).toBe('letter-42.pdf');
  });
});
