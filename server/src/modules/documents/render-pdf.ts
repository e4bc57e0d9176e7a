import { renderBill } from './bill-renderer';
import type { BillView, CreditNoteView, LetterView, RenderedPdf } from './document-view';
import { renderCreditNote, renderLetter } from './letter-renderer';

/** A document to lay out: its kind and its view, plain data that can be sent to another thread. */
export type PdfRequest =
  { kind: 'bill'; view: BillView } | { kind: 'letter'; view: LetterView } | { kind: 'creditNote'; view: CreditNoteView };

/** Turns views into PDF bytes, on this thread or on threads of its own. */
export interface PdfRenderer {
  render(request: PdfRequest): Promise<RenderedPdf>;
  /** Stops taking documents; what is being laid out is abandoned (its job is retried). */
  close(): Promise<void>;
}

/** Lays a document out on the calling thread. */
export function renderPdf(request: PdfRequest): Promise<RenderedPdf> {
  switch (request.kind) {
    case 'bill':
      return renderBill(request.view);
    case 'letter':
      return renderLetter(request.view);
    case 'creditNote':
      return renderCreditNote(request.view);
  }
}

/** Renders on the calling thread (HUB_RENDER_THREADS=0). */
export const renderHere: PdfRenderer = { render: renderPdf, close: async () => undefined };

/** A Buffer sent to another thread arrives as a Uint8Array; this makes it a Buffer again, without a copy. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The request as the thread received it, with its logo a Buffer again (pdfkit takes a logo's bytes only as a Buffer). */
export function received(request: PdfRequest): PdfRequest {
  const logo = request.view.branding.logo;
  if (logo) request.view.branding.logo = asBuffer(logo);
  return request;
}
