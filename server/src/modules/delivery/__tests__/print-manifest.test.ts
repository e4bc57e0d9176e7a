import { csvField, manifestCsv } from '../print-manifest';

describe('print manifest', () => {
  it('quotes commas, quotes and line breaks, and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('-1,2')).toBe(`"'-1,2"`);
  });

  it('has a header and one CRLF line per document, in order', () => {
    expect(manifestCsv([{ documentId: '7', accountNumber: 'ACC-1', name: 'Zoë', address: '1 Main St, Springfield', pages: 2 }])).toBe(
      'document,account_number,name,address,pages\r\n7,ACC-1,Zoë,"1 Main St, Springfield",2\r\n',
    );
  });
});
