import { changedFields } from '../AccountFormDialog';

describe('changedFields', () => {
  const before = { number: 'A-1', name: 'Ana', email: 'ana@example.com', phone: null, segment: 'VIP' };
  it('sends only what changed, a cleared email as null, and ignores case and spaces that store the same', () => {
    expect(changedFields(before, { ...before, name: ' Ana ', segment: 'vip' })).toEqual({});
    expect(changedFields(before, { ...before, email: '', phone: '555 0100', segment: 'COMMERCIAL' })).toEqual({
      email: null,
      phone: '555 0100',
      segment: 'COMMERCIAL',
    });
  });
});
