/**
 * A thread of RenderThreads: lays out each document it is sent and answers,
 * with the id it came with, the PDF's bytes or the error's message.
 */
import { parentPort } from 'node:worker_threads';
import { received, renderPdf, type PdfRequest } from './render-pdf';

export interface RenderMessage {
  id: number;
  request: PdfRequest;
}

export interface RenderReply {
  id: number;
  bytes?: Uint8Array;
  pages?: number;
  error?: string;
}

const port = parentPort;
if (!port) throw new Error('render-thread runs as a worker thread of the hub');
port.on('message', ({ id, request }: RenderMessage) => {
  // A layout that throws at once (a logo pdfkit cannot read) fails its own document, not the thread and the others on it.
  Promise.resolve()
    .then(() => renderPdf(received(request)))
    .then(
      (pdf) => port.postMessage({ id, bytes: pdf.bytes, pages: pdf.pages } satisfies RenderReply),
      (error: unknown) => port.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies RenderReply),
    );
});
