import { renderBill } from '../bill-renderer';
import { billPeriod } from '../bill-view';
import { renderCreditNote, renderLetter } from '../letter-renderer';
import { longDate, money, monthLabel } from '../pdf-layout';
import { pdfText } from './pdf-text';
import { sampleBill, sampleBranding, sampleLetter } from './sample-views';

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('renderBill', () => {
  it('shows the number, dates, total, amount due, the ESTIMATED mark and accented names in its text', async () => {
    const pdf = await renderBill(sampleBill());
    const { text, pages } = pdfText(pdf.bytes);
    expect(pdf.pages).toBe(pages);
    expect(pages).toBe(1);
    const words = flat(text);
    for (const expected of [
      'INV-00001234',
      'Zoë Peña',
      'Øster Allé 12',
      'Calle Año Nuevo 5',
      'Nordlys Energi',
      '74.51',
      '22 Mar 2026',
      'ACC-1001',
    ]) {
      expect(words).toContain(expected);
    }
    expect(words).toContain('ESTIMATED');
    expect(words).toMatch(/Amount due\s+74\.51/);
    expect(words).toContain('Detach and return');
    expect(words).toContain('Usage subtotal 54.66');
  });

  it('leaves the ESTIMATED banner out when no line is estimated, and marks a preview', async () => {
    const bill = sampleBill({ estimated: false, preview: true, issueDate: null, dueDate: null });
    for (const group of bill.groups) for (const line of group.lines) line.estimated = false;
    const words = flat(pdfText((await renderBill(bill)).bytes).text);
    expect(words).not.toContain('ESTIMATED');
    expect(words).toContain('Bill (preview)');
    expect(words).toContain('not issued');
  });

  it('runs onto more pages when the lines do not fit, with the stub on the last page', async () => {
    const lines = Array.from({ length: 80 }, (_, i) => ({
      kind: 'USAGE',
      description: `Read ${i + 1}`,
      detail: '10 kWh × 0.10',
      amount: 100,
      estimated: i % 7 === 0,
    }));
    const bill = sampleBill({ groups: [{ title: 'Usage', lines, subtotal: 8000 }] });
    const pdf = await renderBill(bill);
    const { text, pages } = pdfText(pdf.bytes);
    expect(pages).toBeGreaterThan(1);
    expect(pdf.pages).toBe(pages);
    expect(flat(text)).toContain(`Page ${pages} of ${pages}`);
    expect(flat(text.split('\f')[pages - 1])).toContain('Detach and return');
  });

  it('shows the billing period from its first to its last day, and a late fee as the day it was charged on', async () => {
    expect(flat(pdfText((await renderBill(sampleBill())).bytes).text)).toContain('Billing period 1 Feb 2026 – 28 Feb 2026');
    const fee = sampleBill({ issueDate: '2026-08-11', dueDate: '2026-08-11', period: billPeriod('2026-08-11', '2026-08-11') });
    const words = flat(pdfText((await renderBill(fee)).bytes).text);
    expect(words).toContain('Charged on 11 Aug 2026');
    expect(words).not.toContain('Billing period');
    expect(words).not.toContain('10 Aug 2026');
  });

  it('prints returned payments, refunds and credits as lines of their own, signed as they move the balance', async () => {
    // 20.00 - 50.00 + 40.00 + 50.00 - 5.00 + 74.51 = 129.51
    const bill = sampleBill({
      previousBalance: 2000,
      paymentsSince: 5000,
      returnedSince: 4000,
      refundsSince: 5000,
      creditsSince: 500,
      amountDue: 12951,
    });
    const words = flat(pdfText((await renderBill(bill)).bytes).text);
    for (const expected of [
      'Previous balance 20.00',
      'Payments since your last bill -50.00',
      'Returned payments +40.00',
      'Refunds since your last bill +50.00',
      'Credits since your last bill -5.00',
      'New charges 74.51',
      'Amount due 129.51',
    ]) {
      expect(words).toContain(expected);
    }
    // Nothing returned, refunded or credited: those lines are left out, payments are always shown.
    const plain = flat(pdfText((await renderBill(sampleBill({ paymentsSince: 0 }))).bytes).text);
    expect(plain).toContain('Payments since your last bill 0.00');
    expect(plain).not.toMatch(/Returned|Refunds|Credits since/);
  });

  it('states a credit balance with nothing to pay, and a stub of 0.00', async () => {
    const words = flat(pdfText((await renderBill(sampleBill({ previousBalance: 0, paymentsSince: 10000, amountDue: -2549 }))).bytes).text);
    expect(words).toContain('Credit balance -25.49');
    expect(words).toContain('Nothing to pay');
    expect(words).not.toContain('Please pay by');
    expect(words).toMatch(/Amount due 0\.00 Amount enclosed/);
  });

  it('renders without a logo, footer or contacts', async () => {
    const branding = sampleBranding({ logo: null, footer: null, supportEmail: null, supportPhone: null, website: null, addressLines: [] });
    const pdf = await renderBill(sampleBill({ branding, account: { name: 'Ana', number: 'A-1', addressLines: [] }, usage: [] }));
    expect(pdfText(pdf.bytes).text).toContain('Ana');
  });
});

describe('fonts kept across documents', () => {
  it('gives the same bytes for the same bill, and each bill its own names after others were rendered', async () => {
    const first = await renderBill(sampleBill());
    expect((await renderBill(sampleBill())).bytes.equals(first.bytes)).toBe(true);
    const names = ['Åsa Øster-Ødegård', 'Plain Name', 'Zoë Peña', 'Ærø Čapek'];
    for (const name of names) {
      const pdf = await renderBill(sampleBill({ account: { name, number: 'ACC-1', addressLines: ['Søndergade 1'] } }));
      const words = flat(pdfText(pdf.bytes).text);
      expect(words).toContain(name);
      expect(words).toContain('Søndergade 1');
      expect(words).toContain('INV-00001234');
    }
  });
});

describe('renderLetter and renderCreditNote', () => {
  it('prints the letter with the letterhead, the account and its figures', async () => {
    const pdf = await renderLetter(sampleLetter());
    const words = flat(pdfText(pdf.bytes).text);
    for (const expected of ['Overdue account', 'Dear Zoë Peña', 'Past due 74.51', 'Days past due 19', '10 Apr 2026', 'Nordlys Energi']) {
      expect(words).toContain(expected);
    }
  });

  it('leaves the figures box out when no figures were recorded with the action, keeping the text', async () => {
    const words = flat(pdfText((await renderLetter(sampleLetter({ figures: null }))).bytes).text);
    expect(words).toContain('19 days past due with 74.51 outstanding');
    expect(words).not.toContain('Past due');
    expect(words).not.toContain('Days past due');
  });

  it('prints a credit note from a plain view model', async () => {
    const pdf = await renderCreditNote({
      branding: sampleBranding(),
      account: { name: 'Zoë Peña', number: 'ACC-1001', addressLines: [] },
      number: 'CN-00000001',
      invoiceNumber: 'INV-00001234',
      issueDate: '2026-03-05',
      reason: 'Meter misread',
      lines: [{ description: 'Energy 15 Feb – 28 Feb', amount: 2650 }],
      total: 2650,
    });
    const words = flat(pdfText(pdf.bytes).text);
    expect(words).toContain('CN-00000001');
    expect(words).toContain('Total credited 26.50');
  });
});

describe('formatting', () => {
  it('groups thousands and keeps signs and cents exact', () => {
    expect(money(123456789)).toBe('1,234,567.89');
    expect(money(-5)).toBe('-0.05');
    expect(money(0)).toBe('0.00');
  });
  it('spells dates and months', () => {
    expect(longDate('2026-03-05')).toBe('5 Mar 2026');
    expect(monthLabel('2025-12')).toBe('Dec 25');
  });
});
