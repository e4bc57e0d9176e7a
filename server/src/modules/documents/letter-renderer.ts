import type { CreditNoteView, LetterView, RenderedPdf } from './document-view';
import {
  CONTENT_WIDTH,
  drawLetterhead,
  drawPair,
  drawRecipient,
  ensureRoom,
  finishPdf,
  INK,
  longDate,
  money,
  MUTED,
  newPdf,
  PAGE,
  RULE,
} from './pdf-layout';

/** A collections letter or reminder: letterhead, the customer's address, the figures its text was written with, and the text. */
export function renderLetter(view: LetterView): Promise<RenderedPdf> {
  const doc = newPdf(view.title, view.branding.name, view.date);
  let y = drawLetterhead(doc, view.branding);
  const x = PAGE.margin;
  const recipientBottom = drawRecipient(doc, view.account, x, y + 10, CONTENT_WIDTH / 2);
  doc
    .font('regular')
    .fontSize(9.5)
    .fillColor(INK)
    .text(longDate(view.date), x + CONTENT_WIDTH / 2, y + 10, { width: CONTENT_WIDTH / 2, align: 'right' });
  doc
    .font('regular')
    .fontSize(8.5)
    .fillColor(MUTED)
    .text(`Account ${view.account.number}`, x + CONTENT_WIDTH / 2, doc.y + 2, {
      width: CONTENT_WIDTH / 2,
      align: 'right',
    });
  y = Math.max(recipientBottom, doc.y) + 28;
  doc.font('bold').fontSize(14).fillColor(view.branding.color).text(view.title, x, y, { width: CONTENT_WIDTH });
  y = doc.y + 12;

  if (view.figures) {
    const boxWidth = 240;
    doc.roundedRect(x, y, boxWidth, 46, 4).lineWidth(1).strokeColor(view.branding.color).stroke();
    const next = drawPair(doc, 'Past due', money(view.figures.pastDue), x + 10, y + 8, boxWidth - 20, { bold: true, size: 11 });
    drawPair(doc, 'Days past due', String(view.figures.daysPastDue), x + 10, next, boxWidth - 20);
    y = y + 62;
  }

  doc.font('regular').fontSize(10.5).fillColor(INK);
  for (const paragraph of view.body.split(/\n{2,}/)) {
    y = ensureRoom(doc, y, 30);
    doc.text(paragraph.trim(), x, y, { width: CONTENT_WIDTH, lineGap: 2 });
    y = doc.y + 10;
  }
  const contact = [view.branding.supportPhone, view.branding.supportEmail].filter(Boolean).join(' or ');
  if (contact) {
    y = ensureRoom(doc, y + 6, 30);
    doc
      .font('regular')
      .fontSize(9.5)
      .fillColor(INK)
      .text(`Questions about your account? Contact us at ${contact}.`, x, y, { width: CONTENT_WIDTH });
  }
  return finishPdf(doc, view.branding);
}

/** A credit note: what was credited against which bill, and why. */
export function renderCreditNote(view: CreditNoteView): Promise<RenderedPdf> {
  const doc = newPdf(`Credit note ${view.number}`, view.branding.name, view.issueDate);
  let y = drawLetterhead(doc, view.branding);
  const x = PAGE.margin;
  const half = CONTENT_WIDTH / 2;
  const recipientBottom = drawRecipient(doc, view.account, x, y, half - 20);
  doc
    .font('bold')
    .fontSize(18)
    .fillColor(INK)
    .text('Credit note', x + half, y - 4, { width: half, align: 'right' });
  let ry = doc.y + 4;
  ry = drawPair(doc, 'Credit note number', view.number, x + half, ry, half);
  ry = drawPair(doc, 'Account number', view.account.number, x + half, ry, half);
  ry = drawPair(doc, 'For bill', view.invoiceNumber, x + half, ry, half);
  ry = drawPair(doc, 'Issue date', longDate(view.issueDate), x + half, ry, half);
  y = Math.max(recipientBottom, ry) + 18;
  doc.font('regular').fontSize(9.5).fillColor(INK).text(`Reason: ${view.reason}`, x, y, { width: CONTENT_WIDTH });
  y = doc.y + 12;
  for (const line of view.lines) {
    y = ensureRoom(doc, y, 16);
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(INK)
      .text(line.description, x, y, { width: CONTENT_WIDTH - 100 });
    doc.text(money(line.amount), x + CONTENT_WIDTH - 90, y, { width: 90, align: 'right', lineBreak: false });
    y = Math.max(doc.y, y + 11) + 4;
  }
  doc
    .moveTo(x + CONTENT_WIDTH - 260, y)
    .lineTo(x + CONTENT_WIDTH, y)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  drawPair(doc, 'Total credited', money(view.total), x + CONTENT_WIDTH - 260, y + 6, 260, { bold: true, size: 11 });
  return finishPdf(doc, view.branding);
}
