import { changedFields } from '../AccountFormDialog';

describe('changedFields', () => {
  const before = { number: 'A-1', name: 'Ana', email: 'ana@example.com', phone: null, segment: 'VIP', delivery: 'EMAIL' as const };
  it('sends only what changed, a cleared email as null, and ignores case and spaces that store the same', () => {
    expect(changedFields(before, { ...before, name: ' Ana ', segment: 'vip' })).toEqual({});
    expect(changedFields(before, { ...before, email: '', phone: '555 0100', segment: 'COMMERCIAL' })).toEqual({
      email: null,
      phone: '555 0100',
      segment: 'COMMERCIAL',
    });
  });

  it('sends a new delivery method with a cleared email, so an account sent by email can move to the post', () => {
    expect(changedFields(before, { ...before, email: '', delivery: 'PRINT' })).toEqual({ email: null, delivery: 'PRINT' });
    expect(changedFields(before, { ...before, delivery: 'EMAIL' })).toEqual({});
  });
});
