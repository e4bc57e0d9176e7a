import type { BillView, RenderedPdf, UsageBar } from './document-view';
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
  monthLabel,
  MUTED,
  newPdf,
  PAGE,
  RULE,
  type Pdf,
} from './pdf-layout';

const STUB_HEIGHT = 135;
const ESTIMATED = 'ESTIMATED';

/** A bill as a PDF: letterhead, addresses, summary, usage chart, lines by group, totals and a payment stub. */
export function renderBill(view: BillView): Promise<RenderedPdf> {
  const doc = newPdf(`Bill ${view.number}`, view.branding.name, view.issueDate ?? view.period.last);
  let y = drawLetterhead(doc, view.branding);
  y = drawHeading(doc, view, y);
  if (view.estimated) y = drawEstimatedBanner(doc, y);
  y = drawSummaryAndChart(doc, view, y);
  y = drawLines(doc, view, y);
  y = drawTotals(doc, view, y);
  drawStub(doc, view, y);
  if (view.preview) watermarkEveryPage(doc);
  return finishPdf(doc, view.branding);
}

function drawHeading(doc: Pdf, view: BillView, top: number): number {
  const left = PAGE.margin;
  const half = CONTENT_WIDTH / 2;
  doc.font('regular').fontSize(8).fillColor(MUTED).text('BILL TO', left, top);
  const billTo = drawRecipient(doc, view.account, left, doc.y + 2, half - 20);
  doc
    .font('regular')
    .fontSize(8)
    .fillColor(MUTED)
    .text('SERVICE ADDRESS', left, billTo + 8);
  doc.font('regular').fontSize(9.5).fillColor(INK);
  const service = view.serviceAddressLines.length > 0 ? view.serviceAddressLines : ['As above'];
  for (const line of service) doc.text(line, left, doc.y + 1, { width: half - 20 });
  const leftBottom = doc.y;

  const x = left + half + 10;
  const width = half - 10;
  doc
    .font('bold')
    .fontSize(18)
    .fillColor(INK)
    .text(view.preview ? 'Bill (preview)' : 'Bill', x, top - 4, { width, align: 'right' });
  let y = doc.y + 4;
  y = drawPair(doc, 'Bill number', view.number, x, y, width);
  y = drawPair(doc, 'Account number', view.account.number, x, y, width);
  y = drawPair(doc, 'Issue date', view.issueDate ? longDate(view.issueDate) : 'not issued', x, y, width);
  const { label, first, last } = view.period;
  y = drawPair(doc, label, first === last ? longDate(first) : `${longDate(first)} – ${longDate(last)}`, x, y, width);
  y = drawPair(doc, 'Due date', view.dueDate ? longDate(view.dueDate) : 'on issue', x, y, width, { bold: true });
  return Math.max(leftBottom, y) + 14;
}

function drawEstimatedBanner(doc: Pdf, y: number): number {
  doc.rect(PAGE.margin, y, CONTENT_WIDTH, 26).fill('#fff4ce');
  doc.font('bold').fontSize(9.5).fillColor('#7a4b00');
  doc.text(`${ESTIMATED}: some of this bill is based on estimated meter reads.`, PAGE.margin + 10, y + 5, { width: CONTENT_WIDTH - 20 });
  doc
    .font('regular')
    .fontSize(7.5)
    .text('The next actual read corrects any difference.', PAGE.margin + 10, doc.y, { width: CONTENT_WIDTH - 20 });
  return y + 36;
}

/** "+50.00": what a line adds to the balance, signed. */
const added = (cents: number) => (cents > 0 ? `+${money(cents)}` : money(cents));

/** The summary's lines between the previous balance and the new charges; those that moved nothing are left out but payments. */
function movesOf(view: BillView): Array<[string, number]> {
  const moves: Array<[string, number]> = [
    ['Returned payments', view.returnedSince],
    ['Refunds since your last bill', view.refundsSince],
    ['Credits since your last bill', -view.creditsSince],
  ];
  return [['Payments since your last bill', -view.paymentsSince], ...moves.filter(([, cents]) => cents !== 0)];
}

function drawSummaryAndChart(doc: Pdf, view: BillView, top: number): number {
  const width = CONTENT_WIDTH / 2 - 10;
  const moves = movesOf(view);
  // Room for the previous balance, payments and one more line; each further line makes the box a line taller.
  const boxHeight = 120 + 14.5 * Math.max(0, moves.length - 2);
  doc.roundedRect(PAGE.margin, top, width, boxHeight, 4).lineWidth(1).strokeColor(view.branding.color).stroke();
  const x = PAGE.margin + 10;
  const inner = width - 20;
  doc
    .font('bold')
    .fontSize(10)
    .fillColor(view.branding.color)
    .text('Your account', x, top + 8);
  let y = top + 26;
  y = drawPair(doc, 'Previous balance', money(view.previousBalance), x, y, inner);
  for (const [label, cents] of moves) y = drawPair(doc, label, added(cents), x, y, inner);
  y = drawPair(doc, 'New charges', money(view.total), x, y, inner);
  doc
    .moveTo(x, y)
    .lineTo(x + inner, y)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  const inCredit = view.amountDue < 0;
  y = drawPair(doc, inCredit ? 'Credit balance' : 'Amount due', money(view.amountDue), x, y + 6, inner, { bold: true, size: 12 });
  doc.font('regular').fontSize(8).fillColor(MUTED);
  const note = inCredit
    ? 'Nothing to pay: your credit goes to your next bill.'
    : view.dueDate
      ? `Please pay by ${longDate(view.dueDate)}.`
      : 'Due date set when the bill is issued.';
  doc.text(note, x, y + 2, { width: inner });

  drawUsageChart(doc, view.usage, view.unit, view.branding.color, PAGE.margin + width + 20, top, width, boxHeight);
  return top + boxHeight + 14;
}

/** Thirteen months of consumption as bars drawn with vectors, the bill's month last and in full colour. */
export function drawUsageChart(
  doc: Pdf,
  bars: UsageBar[],
  unit: string,
  color: string,
  x: number,
  top: number,
  width: number,
  height: number,
): void {
  doc
    .font('bold')
    .fontSize(10)
    .fillColor(INK)
    .text(`Your usage (${unit})`, x, top + 8, { width });
  const chartTop = top + 28;
  const chartHeight = height - 52;
  const baseline = chartTop + chartHeight;
  const max = Math.max(...bars.map((b) => b.quantity), 0);
  doc
    .moveTo(x, baseline)
    .lineTo(x + width, baseline)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  if (bars.length === 0) return;
  const slot = width / bars.length;
  const barWidth = slot * 0.62;
  bars.forEach((bar, i) => {
    const h = max > 0 ? (bar.quantity / max) * chartHeight : 0;
    const bx = x + i * slot + (slot - barWidth) / 2;
    if (h > 0) {
      doc
        .save()
        .fillOpacity(i === bars.length - 1 ? 1 : 0.35)
        .rect(bx, baseline - h, barWidth, h)
        .fill(color)
        .restore();
    }
    doc.font('regular').fontSize(5.5).fillColor(MUTED);
    doc.text(bar.label, x + i * slot - 2, baseline + 3, { width: slot + 4, align: 'center', lineBreak: false });
  });
  const span = `${monthLabel(bars[0].month)} – ${monthLabel(bars[bars.length - 1].month)}`;
  doc.fontSize(6.5).text(span, x, baseline + 13, { width: width / 2, lineBreak: false });
  doc.text(`Highest month: ${Math.round(max).toLocaleString('en-US')} ${unit}`, x + width / 2, baseline + 13, {
    width: width / 2,
    align: 'right',
  });
}

function drawLines(doc: Pdf, view: BillView, top: number): number {
  const x = PAGE.margin;
  let y = top;
  const amountWidth = 80;
  const detailWidth = 150;
  for (const group of view.groups) {
    y = ensureRoom(doc, y, 40);
    doc.font('bold').fontSize(10).fillColor(view.branding.color).text(group.title, x, y);
    y = doc.y + 3;
    for (const line of group.lines) {
      const descriptionWidth = CONTENT_WIDTH - amountWidth - detailWidth - (line.estimated ? 70 : 0);
      doc.font('regular').fontSize(9);
      const rowHeight = Math.max(doc.heightOfString(line.description, { width: descriptionWidth }), 11) + 4;
      y = ensureRoom(doc, y, rowHeight);
      doc.fillColor(INK).text(line.description, x, y, { width: descriptionWidth });
      if (line.estimated) {
        const tagX = x + descriptionWidth + 6;
        doc.roundedRect(tagX, y - 1, 60, 11, 2).fill('#fff4ce');
        doc
          .font('bold')
          .fontSize(6.5)
          .fillColor('#7a4b00')
          .text(ESTIMATED, tagX, y + 1.5, { width: 60, align: 'center', lineBreak: false });
      }
      doc.font('regular').fontSize(8).fillColor(MUTED);
      if (line.detail)
        doc.text(line.detail, x + CONTENT_WIDTH - amountWidth - detailWidth, y + 1, { width: detailWidth - 8, align: 'right' });
      doc.font('regular').fontSize(9).fillColor(INK);
      doc.text(money(line.amount), x + CONTENT_WIDTH - amountWidth, y, { width: amountWidth, align: 'right', lineBreak: false });
      y += rowHeight;
    }
    // A group of one line is its own subtotal.
    if (group.lines.length > 1) {
      doc
        .moveTo(x + CONTENT_WIDTH - 200, y)
        .lineTo(x + CONTENT_WIDTH, y)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
      y = drawPair(doc, `${group.title} subtotal`, money(group.subtotal), x + CONTENT_WIDTH - 260, y + 4, 260);
    }
    y += 6;
  }
  return y;
}

function drawTotals(doc: Pdf, view: BillView, top: number): number {
  let y = ensureRoom(doc, top, 70);
  const width = 260;
  const x = PAGE.margin + CONTENT_WIDTH - width;
  y = drawPair(doc, 'Subtotal', money(view.subtotal), x, y, width);
  y = drawPair(doc, 'Taxes', money(view.taxes), x, y, width);
  doc
    .moveTo(x, y)
    .lineTo(x + width, y)
    .lineWidth(1)
    .strokeColor(INK)
    .stroke();
  y = drawPair(doc, 'Total new charges', money(view.total), x, y + 5, width, { bold: true, size: 11 });
  return y + 4;
}

/** The slip the customer tears off and sends back with a payment, at the bottom of the last page. */
function drawStub(doc: Pdf, view: BillView, after: number): void {
  const top = PAGE.height - 52 - STUB_HEIGHT;
  if (after > top) doc.addPage();
  const x = PAGE.margin;
  doc
    .save()
    .moveTo(x, top)
    .lineTo(x + CONTENT_WIDTH, top)
    .dash(4, { space: 3 })
    .lineWidth(0.8)
    .strokeColor(MUTED)
    .stroke()
    .restore();
  doc
    .font('regular')
    .fontSize(7)
    .fillColor(MUTED)
    .text('✂  Detach and return this part with your payment', x, top + 4);
  const y0 = top + 20;
  doc.font('bold').fontSize(11).fillColor(view.branding.color).text(view.branding.name, x, y0, { width: 240 });
  doc.font('regular').fontSize(8.5).fillColor(INK);
  doc.text(view.account.name, x, doc.y + 6, { width: 240 });
  for (const line of view.account.addressLines) doc.text(line, x, doc.y, { width: 240 });

  const right = x + CONTENT_WIDTH / 2;
  const width = CONTENT_WIDTH / 2;
  let y = y0;
  y = drawPair(doc, 'Account number', view.account.number, right, y, width, { bold: true });
  y = drawPair(doc, 'Bill number', view.number, right, y, width);
  y = drawPair(doc, 'Due date', view.dueDate ? longDate(view.dueDate) : 'on issue', right, y, width);
  // In credit, there is nothing to send.
  y = drawPair(doc, 'Amount due', money(Math.max(0, view.amountDue)), right, y + 2, width, { bold: true, size: 13 });
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(INK)
    .text('Amount enclosed', right, y + 10, { width: width * 0.5, lineBreak: false });
  doc
    .rect(right + width * 0.5, y + 4, width * 0.5, 20)
    .lineWidth(0.8)
    .strokeColor(INK)
    .stroke();
}

function watermarkEveryPage(doc: Pdf): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.save();
    doc.rotate(-35, { origin: [PAGE.width / 2, PAGE.height / 2] });
    doc.font('bold').fontSize(64).fillColor('#cf222e').fillOpacity(0.12);
    doc.text('PREVIEW', 0, PAGE.height / 2 - 40, { width: PAGE.width, align: 'center', lineBreak: false });
    doc.restore();
  }
}
