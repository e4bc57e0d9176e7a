import { normalizeUsername } from '../username';

describe('normalizeUsername', () => {
  it('gives every look-alike spelling of a name the one spelling it is stored under', () => {
    for (const spelling of [
      'admin',
      'Admin',
      'ADMIN',
      'ａｄｍｉｎ',
      'ＡＤＭＩＮ',
      'ad\u200bmin',
      '\u2060admin\ufeff',
      'adm\u00adin',
      ' admin ',
    ]) {
      expect({ spelling, normalized: normalizeUsername(spelling) }).toEqual({ spelling, normalized: 'admin' });
    }
  });

  it('keeps accents: an accented name is another name', () => {
    expect(normalizeUsername('ädmin')).toBe('ädmin');
    expect(normalizeUsername('a\u0308dmin')).toBe('ädmin');
  });

  it('folds case beyond lower-casing', () => {
    expect(normalizeUsername('STRAßE')).toBe(normalizeUsername('strasse'));
  });
});
