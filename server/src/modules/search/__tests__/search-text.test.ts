import { escapeLike, parseSearch } from '../search-text';

describe('parseSearch', () => {
  it('reads invoice and credit note numbers in any case, with or without leading zeros', () => {
    expect(parseSearch(' INV-00000012 ')).toEqual({ kind: 'INVOICE', id: '12' });
    expect(parseSearch('inv-7')).toEqual({ kind: 'INVOICE', id: '7' });
    expect(parseSearch('CN-00000003')).toEqual({ kind: 'CREDIT_NOTE', id: '3' });
  });
  it('takes anything else as text, and blank as nothing', () => {
    expect(parseSearch('ACC-1001')).toEqual({ kind: 'TEXT', text: 'ACC-1001' });
    expect(parseSearch('INV-12a')).toEqual({ kind: 'TEXT', text: 'INV-12a' });
    expect(parseSearch('   ')).toEqual({ kind: 'NONE' });
  });
  it('escapes LIKE wildcards', () => {
    expect(escapeLike('50%_a!')).toBe('50!%!_a!!');
  });
});
