import { HubError } from '../../../common/errors/hub-error';
import { brandingFields, MAX_LOGO_BYTES, parseColor, parseLogo } from '../branding-rules';
import { tinyPng } from './sample-views';

const code = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof HubError ? error.code : 'OTHER';
  }
};

describe('branding rules', () => {
  it('takes #RRGGBB colours only', () => {
    expect(parseColor(' #0b6e4f ')).toBe('#0B6E4F');
    for (const bad of ['0B6E4F', '#0B6E4', '#0B6E4FF', '#GGGGGG', 'green', 'rgb(0,0,0)'])
      expect(code(() => parseColor(bad))).toBe('BAD_USER_INPUT');
  });

  it('takes a PNG by its signature, up to 500 KB', () => {
    const png = tinyPng();
    expect(parseLogo(png.toString('base64')).equals(png)).toBe(true);
    expect(parseLogo(`data:image/png;base64,${png.toString('base64')}`).equals(png)).toBe(true);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]);
    expect(code(() => parseLogo(jpeg.toString('base64')))).toBe('BAD_USER_INPUT');
    expect(code(() => parseLogo('not base64!'))).toBe('BAD_USER_INPUT');
    const big = Buffer.concat([png, Buffer.alloc(MAX_LOGO_BYTES)]);
    expect(code(() => parseLogo(big.toString('base64')))).toBe('BAD_USER_INPUT');
    const justUnder = Buffer.concat([png.subarray(0, 33), Buffer.alloc(MAX_LOGO_BYTES - 33)]);
    expect(parseLogo(justUnder.toString('base64')).length).toBe(MAX_LOGO_BYTES);
  });

  it('keeps the current colour when none is given and checks contacts', () => {
    expect(brandingFields({ name: ' Nordlys ' }, '#111111')).toMatchObject({ name: 'Nordlys', color: '#111111', footer: null });
    expect(code(() => brandingFields({ name: '' }, '#111111'))).toBe('BAD_USER_INPUT');
    expect(code(() => brandingFields({ name: 'N', supportEmail: 'nope' }, '#111111'))).toBe('BAD_USER_INPUT');
  });
});
