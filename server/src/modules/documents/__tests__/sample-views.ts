import { deflateSync } from 'node:zlib';
import type { BillView, BrandingView, LetterView } from '../document-view';
import { monthLabel } from '../pdf-layout';

/** A tiny valid PNG (2x2, the accent colour), built here so the tests ship no binary. */
export function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const row = Buffer.from([0, 0x0b, 0x6e, 0x4f, 0x0b, 0x6e, 0x4f]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat([row, row]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function sampleBranding(overrides: Partial<BrandingView> = {}): BrandingView {
  return {
    name: 'Nordlys Energi',
    addressLines: ['Øster Allé 12', '2100 København Ø'],
    supportPhone: '+45 70 10 20 30',
    supportEmail: 'hjælp@nordlys.example',
    website: 'nordlys.example',
    color: '#0B6E4F',
    footer: 'Nordlys Energi A/S · CVR 12345678 · Thank you for choosing green power.',
    logo: tinyPng(),
    ...overrides,
  };
}

export function sampleBill(overrides: Partial<BillView> = {}): BillView {
  return {
    branding: sampleBranding(),
    account: { name: 'Zoë Peña', number: 'ACC-1001', addressLines: ['Calle Año Nuevo 5', '28001 Madrid', 'España'] },
    serviceAddressLines: ['Calle Año Nuevo 5', '28001 Madrid'],
    number: 'INV-00001234',
    issueDate: '2026-03-01',
    dueDate: '2026-03-22',
    period: { label: 'Billing period', first: '2026-02-01', last: '2026-02-28' },
    groups: [
      {
        title: 'Usage',
        lines: [
          { kind: 'USAGE', description: 'Energy 1 Feb – 14 Feb', detail: '212.5 kWh × 0.1325', amount: 2816, estimated: false },
          { kind: 'USAGE', description: 'Energy 15 Feb – 28 Feb', detail: '200 kWh × 0.1325', amount: 2650, estimated: true },
        ],
        subtotal: 5466,
      },
      {
        title: 'Fixed charges',
        lines: [{ kind: 'FIXED', description: 'Standing charge', detail: null, amount: 995, estimated: false }],
        subtotal: 995,
      },
      {
        title: 'Credits',
        lines: [{ kind: 'CREDIT', description: 'Welcome credit', detail: null, amount: -500, estimated: false }],
        subtotal: -500,
      },
      { title: 'Taxes', lines: [{ kind: 'TAX', description: 'VAT 25 %', detail: null, amount: 1490, estimated: false }], subtotal: 1490 },
    ],
    subtotal: 5961,
    taxes: 1490,
    total: 7451,
    previousBalance: 6400,
    paymentsSince: 6400,
    returnedSince: 0,
    refundsSince: 0,
    creditsSince: 0,
    amountDue: 7451,
    estimated: true,
    usage: Array.from({ length: 13 }, (_, i) => {
      const index = 2025 * 12 + 1 + i; // Feb 2025 to Feb 2026
      const month = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
      return { month, label: monthLabel(month).slice(0, 3), quantity: 300 + ((i * 37) % 150) };
    }),
    unit: 'kWh',
    preview: false,
    ...overrides,
  };
}

export function sampleLetter(overrides: Partial<LetterView> = {}): LetterView {
  return {
    branding: sampleBranding(),
    account: { name: 'Zoë Peña', number: 'ACC-1001', addressLines: ['Calle Año Nuevo 5', '28001 Madrid'] },
    date: '2026-04-10',
    title: 'Overdue account',
    body: 'Dear Zoë Peña,\n\nYour account ACC-1001 is 19 days past due with 74.51 outstanding. Please pay now.',
    figures: { pastDue: 7451, daysPastDue: 19 },
    ...overrides,
  };
}
