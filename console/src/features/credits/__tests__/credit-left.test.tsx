import { creditItems, leftPerLine } from '../credit-left';

const lines = [
  { id: '1', amount: '45.00' },
  { id: '2', amount: '9.95' },
  { id: '3', amount: '-5.00' },
];

describe('leftPerLine', () => {
  it('takes what earlier credit notes took of each line, exactly', () => {
    const left = leftPerLine(lines, [
      { amount: '10.10', invoiceLine: { id: '1' } },
      { amount: '0.20', invoiceLine: { id: '1' } },
      { amount: '-5.00', invoiceLine: { id: '3' } },
      { amount: '1.00', invoiceLine: null },
    ]);
    expect(Object.fromEntries(left)).toEqual({ '1': '34.70', '2': '9.95', '3': '0.00' });
  });
});

describe('creditItems', () => {
  it('keeps the lines with an amount, giving a discount line its minus sign', () => {
    expect(creditItems(lines, { '1': ' 12.5 ', '2': '', '3': '2' })).toEqual([
      { invoiceLineId: '1', amount: '12.5' },
      { invoiceLineId: '3', amount: '-2' },
    ]);
    expect(creditItems(lines, { '2': '0' })).toEqual([]);
  });
});
