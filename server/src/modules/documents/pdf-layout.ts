import PDFDocument from 'pdfkit';
import { Decimal } from '../../common/money';
import { useFonts } from './pdf-fonts';
import type { BrandingView, RecipientView, RenderedPdf } from './document-view';

export const PAGE = { width: 595.28, height: 841.89, margin: 42 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** Where page content must end: the footer lives below. */
export const CONTENT_BOTTOM = PAGE.height - 60;
export const INK = '#1f2328';
export const MUTED = '#656d76';
export const RULE = '#d0d7de';

export type Pdf = PDFKit.PDFDocument;

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
    // No Helvetica: pdfkit would read and parse its metrics file for every document, and it is never used.
    font: '',
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
