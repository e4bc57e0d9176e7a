import { parseCsv, toCsv } from '../csv';
import { batches, guessMapping, missingRequired, prepareRows, rejectedCsvRows } from '../import-mapping';

describe('CSV', () => {
  it('reads quoted fields, doubled quotes, CRLF, a BOM and trailing blank lines, and writes them back', () => {
    const text = '\uFEFFnumber,name\r\nA-1,"Lopez, Maria"\r\nA-2,"Say ""hi""\nthere"\r\n\r\n';
    const rows = parseCsv(text);
    expect(rows).toEqual([
      ['number', 'name'],
      ['A-1', 'Lopez, Maria'],
      ['A-2', 'Say "hi"\nthere'],
    ]);
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});

describe('mapping and preparing rows', () => {
  const header = ['Account No', 'Customer Name', 'Segment', 'E-mail', 'Invoice Number', 'Issue Date', 'Due Date', 'Amount'];

  it('guesses columns from header names and names the required ones left unmapped', () => {
    const mapping = guessMapping(header);
    expect(mapping).toMatchObject({ number: 0, name: 1, segment: 2, email: 3, legacyNumber: 4, issueDate: 5, dueDate: 6, amount: 7 });
    expect(missingRequired(mapping)).toEqual([]);
    expect(missingRequired({ number: 0 })).toEqual(['Name', 'Segment']);
  });

  it('makes one account of lines sharing a number, each adding an open invoice, and says what is wrong', () => {
    const rows = [
      ['A-1', 'Ana', 'VIP', 'ana@example.com', 'OLD-1', '2026-01-01', '2026-01-21', '10.50'],
      ['A-1', 'Ana', 'VIP', 'ana@example.com', 'OLD-2', '2026-02-01', '2026-02-21', '$1,200.00'],
      ['A-2', '', 'VIP', 'nope', '', '', '', ''],
      ['A-3', 'Bo', 'VIP', '', 'OLD-3', '2026-02-30', '2026-02-21', '0'],
    ];
    const prepared = prepareRows(rows, guessMapping(header));
    expect(prepared).toHaveLength(3);
    expect(prepared[0]).toMatchObject({ lines: [1, 2], problems: [] });
    expect(prepared[0].input.openingBalance).toEqual([
      { legacyNumber: 'OLD-1', issueDate: '2026-01-01', dueDate: '2026-01-21', amount: '10.50' },
      { legacyNumber: 'OLD-2', issueDate: '2026-02-01', dueDate: '2026-02-21', amount: '1200.00' },
    ]);
    expect(prepared[1].problems).toEqual(['the name is empty', '"nope" is not an email address']);
    expect(prepared[1].input.openingBalance).toBeNull();
    expect(prepared[2].problems).toEqual([
      'issue date "2026-02-30" is not a date written YYYY-MM-DD',
      'amount "0" is not an amount more than 0, e.g. 12.50',
    ]);
  });

  it('writes the rejected lines under the original header with the reason', () => {
    const rows = [['A-1'], ['A-2'], ['A-2']];
    expect(rejectedCsvRows(['number'], rows, [{ lines: [2, 3], reason: 'bad' }])).toEqual([
      ['number', 'rejection'],
      ['A-2', 'bad'],
      ['A-2', 'bad'],
    ]);
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
