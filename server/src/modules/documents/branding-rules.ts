import { badInput } from '../../common/errors/hub-error';
import { optionalText, requireText } from '../../common/validation';

export const DEFAULT_COLOR = '#1F6FEB';
export const MAX_LOGO_BYTES = 500 * 1024;
const COLOR = /^#[0-9A-Fa-f]{6}$/;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[0-9+()\-. ]+$/;

/** An accent colour: #RRGGBB, stored upper-case. */
export function parseColor(value: string): string {
  const text = value.trim();
  if (!COLOR.test(text)) throw badInput(`color "${text.slice(0, 20)}" must be #RRGGBB, six hex digits, e.g. #0B6E4F`);
  return text.toUpperCase();
}

/** A logo argument: base64 of a PNG of at most 500 KB; the PNG signature is checked, not the file name. */
export function parseLogo(base64: string): Buffer {
  const text = base64.replace(/\s+/g, '').replace(/^data:image\/png;base64,/, '');
  if (text.length === 0 || text.length % 4 !== 0 || !BASE64.test(text)) throw badInput('logoPng must be the PNG file in base64');
  // Checked before decoding: the decoded size is three quarters of the text.
  if ((text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0) > MAX_LOGO_BYTES) {
    throw badInput(`logoPng must be at most ${MAX_LOGO_BYTES / 1024} KB; make the image smaller`);
  }
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(PNG_MAGIC) || bytes.subarray(12, 16).toString('latin1') !== 'IHDR') {
    throw badInput('logoPng is not a PNG image; export the logo as PNG');
  }
  return bytes;
}

export interface BrandingFields {
  name: string;
  address: string | null;
  supportPhone: string | null;
  supportEmail: string | null;
  website: string | null;
  color: string;
  footer: string | null;
}

export interface BrandingArgs {
  name: string;
  address?: string | null;
  supportPhone?: string | null;
  supportEmail?: string | null;
  website?: string | null;
  color?: string | null;
  footer?: string | null;
}

/** Checks setBranding's text fields; a colour left out keeps the current one. */
export function brandingFields(input: BrandingArgs, currentColor: string): BrandingFields {
  return {
    name: requireText(input.name, 'name', 128),
    address: optionalText(input.address, 'address', 500),
    supportPhone: optionalText(input.supportPhone, 'supportPhone', 32, { pattern: PHONE, hint: 'may use digits, spaces and +()-. only' }),
    supportEmail: optionalText(input.supportEmail, 'supportEmail', 254, { pattern: EMAIL, hint: 'is not an email address' }),
    website: optionalText(input.website, 'website', 255),
    color: input.color === null || input.color === undefined || input.color.trim() === '' ? currentColor : parseColor(input.color),
    footer: optionalText(input.footer, 'footer', 1000),
  };
}
