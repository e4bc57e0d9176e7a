import { InvoiceStatus } from '../../billing/billing.entity';
import { DisputeStatus } from '../dispute.entity';
import { creditNoteRefusal, openRefusal, resolveInputRefusal } from '../dispute-rules';

describe('openRefusal', () => {
  it('opens on an ISSUED invoice without an OPEN dispute only', () => {
    expect(openRefusal(InvoiceStatus.ISSUED, 'INV-1', false)).toBeNull();
    expect(openRefusal(InvoiceStatus.ISSUED, 'INV-1', true)).toMatch(/already has an OPEN dispute/);
    for (const status of [InvoiceStatus.HELD, InvoiceStatus.VOID, InvoiceStatus.PAID]) {
      expect(openRefusal(status, 'INV-1', false)).toMatch(new RegExp(`is ${status}; only an ISSUED`));
    }
  });
});

describe('resolveInputRefusal', () => {
  it('UPHELD needs a credit note, REJECTED takes none, OPEN is no outcome', () => {
    expect(resolveInputRefusal(DisputeStatus.UPHELD, '7')).toBeNull();
    expect(resolveInputRefusal(DisputeStatus.REJECTED, null)).toBeNull();
    expect(resolveInputRefusal(DisputeStatus.UPHELD, null)).toMatch(/needs creditNoteId/);
    expect(resolveInputRefusal(DisputeStatus.REJECTED, '7')).toMatch(/takes no creditNoteId/);
    expect(resolveInputRefusal(DisputeStatus.OPEN, null)).toMatch(/UPHELD or REJECTED/);
  });
});

describe('creditNoteRefusal', () => {
  it('accepts a credit note of the disputed invoice only', () => {
    expect(creditNoteRefusal({ id: '3', invoiceId: '10' }, '10', 'INV-10')).toBeNull();
    expect(creditNoteRefusal({ id: '3', invoiceId: '11' }, '10', 'INV-10')).toMatch(/not on invoice INV-10/);
  });
});
