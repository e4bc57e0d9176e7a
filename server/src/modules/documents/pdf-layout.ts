import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { Decimal } from '../../common/money';
import type { BrandingView, RecipientView, RenderedPdf } from './document-view';

/** The TrueType faces embedded in every document: DejaVu covers accented Latin (Peña, Zoë, Øster) and more. */
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const FONTS = {
  regular: path.join(FONT_DIR, 'DejaVuSans.ttf'),
  bold: path.join(FONT_DIR, 'DejaVuSans-Bold.ttf'),
} as const;

export const PAGE = { width: 595.28, height: 841.89, margin: 42 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** Where page content must end: the footer lives below. */
export const CONTENT_BOTTOM = PAGE.height - 60;
export const INK = '#1f2328';
export const MUTED = '#656d76';
export const RULE = '#d0d7de';

export type Pdf = PDFKit.PDFDocument;

/** The parts of pdfkit's font handling used below; pdfkit does not type them. */
interface FontInternals {
  _font: { constructor: EmbeddedFontClass; font: unknown; name: string };
  _fontCount: number;
  _fontFamilies: Record<string, unknown>;
}
type EmbeddedFontClass = new (doc: Pdf, font: unknown, id: string) => { name: string };

/** The font files, read once per process. */
let fontBytes: { regular: Buffer; bold: Buffer } | null = null;
/** Each face as fontkit parsed it, with pdfkit's class that embeds it: see useFonts. */
const parsedFaces = new Map<'regular' | 'bold', { Embedded: EmbeddedFontClass; font: unknown }>();

/**
 * Registers the two faces on a new document. pdfkit parses a TrueType file
 * anew for every document, which was over half of a bill's rendering time;
 * so the first document's parsed fonts are kept, and later documents get them
 * the way pdfkit's own font() would have set them up (each document still
 * embeds its own subset of the glyphs it uses; a parsed font is read-only).
 */
function useFonts(doc: Pdf): void {
  fontBytes ??= { regular: fs.readFileSync(FONTS.regular), bold: fs.readFileSync(FONTS.bold) };
  const internals = doc as unknown as FontInternals;
  for (const face of ['regular', 'bold'] as const) {
    doc.registerFont(face, fontBytes[face]);
    const parsed = parsedFaces.get(face);
    if (parsed) {
      const embedded = new parsed.Embedded(doc, parsed.font, `F${++internals._fontCount}`);
      internals._fontFamilies[face] = embedded;
      internals._fontFamilies[embedded.name] = embedded;
    } else {
      doc.font(face);
      parsedFaces.set(face, { Embedded: internals._font.constructor, font: internals._font.font });
    }
  }
}

/**
 * A new A4 document with the fonts registered and every page buffered, so
 * that footers can say "page n of N" once the last page is known. The
 * creation date is fixed to the document's own date, so one view model
 * always gives the same bytes.
 */
export function newPdf(title: string, author: string, date: string): Pdf {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
    autoFirstPage: true,
    info: { Title: title, Author: author, Creator: author, CreationDate: new Date(`${date}T00:00:00Z`) },
  });
  useFonts(doc);
  doc.font('regular');
  return doc;
}

/** Ends the document: footer on each page, then its bytes and page count. */
export function finishPdf(doc: Pdf, branding: BrandingView): Promise<RenderedPdf> {
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const range = doc.bufferedPageRange();
  const pages = range.count;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would make pdfkit start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = PAGE.height - 40;
    doc
      .moveTo(PAGE.margin, y - 6)
      .lineTo(PAGE.width - PAGE.margin, y - 6)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.font('regular').fontSize(7.5).fillColor(MUTED);
    if (branding.footer) doc.text(branding.footer, PAGE.margin, y, { width: CONTENT_WIDTH - 80, lineBreak: false, ellipsis: true });
    doc.text(`Page ${i - range.start + 1} of ${pages}`, PAGE.width - PAGE.margin - 80, y, { width: 80, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done.then((bytes) => ({ bytes, pages }));
}

/** The retailer's letterhead at the top of the page; returns the y below it. */
export function drawLetterhead(doc: Pdf, branding: BrandingView): number {
  const top = PAGE.margin;
  let x = PAGE.margin;
  if (branding.logo) {
    try {
      doc.image(branding.logo, x, top, { fit: [110, 48] });
      x += 122;
    } catch {
      // A logo pdfkit cannot read is left out rather than failing the bill.
    }
  }
  doc.font('bold').fontSize(16).fillColor(branding.color).text(branding.name, x, top, { width: 300 });
  const contacts = [
    ...branding.addressLines,
    [branding.supportPhone, branding.supportEmail, branding.website].filter(Boolean).join('  ·  '),
  ].filter((line) => line.length > 0);
  doc.font('regular').fontSize(8).fillColor(MUTED);
  for (const line of contacts) doc.text(line, x, doc.y + 1, { width: 300 });
  const bottom = Math.max(doc.y, top + 50) + 10;
  doc.rect(PAGE.margin, bottom, CONTENT_WIDTH, 3).fill(branding.color);
  return bottom + 14;
}

/** The recipient's name and address as for a window envelope; returns the y below it. */
export function drawRecipient(doc: Pdf, recipient: RecipientView, x: number, y: number, width: number): number {
  doc.font('bold').fontSize(10).fillColor(INK).text(recipient.name, x, y, { width });
  doc.font('regular').fontSize(9.5);
  for (const line of recipient.addressLines) doc.text(line, x, doc.y, { width });
  return doc.y;
}

/** A label and value pair on one line, the value right-aligned. */
export function drawPair(
  doc: Pdf,
  label: string,
  value: string,
  x: number,
  y: number,
  width: number,
  opts: { bold?: boolean; size?: number } = {},
): number {
  const size = opts.size ?? 9.5;
  doc
    .font(opts.bold ? 'bold' : 'regular')
    .fontSize(size)
    .fillColor(INK);
  doc.text(label, x, y, { width: width * 0.62, lineBreak: false });
  doc.text(value, x + width * 0.38, y, { width: width * 0.62, align: 'right', lineBreak: false });
  return y + size + 5;
}

/** Starts a new page when fewer than `needed` points are left; returns the y to write at. */
export function ensureRoom(doc: Pdf, y: number, needed: number): number {
  if (y + needed <= CONTENT_BOTTOM) return y;
  doc.addPage();
  return PAGE.margin;
}

/** 123456 cents -> "1,234.56"; negative amounts keep their sign. */
export function money(cents: number): string {
  const fixed = new Decimal(cents).dividedBy(100).toFixed(2);
  const negative = fixed.startsWith('-');
  const [whole, fraction] = (negative ? fixed.slice(1) : fixed).split('.');
  return `${negative ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-03-05" -> "5 Mar 2026". */
export function longDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** "2026-03" -> "Mar 26". */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${MONTHS[m - 1]} ${String(y).slice(2)}`;
}
