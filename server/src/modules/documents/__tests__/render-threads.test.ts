import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BillView } from '../document-view';
import { renderPdf, type PdfRequest } from '../render-pdf';
import { RenderThreads } from '../render-threads';
import { pdfText } from './pdf-text';
import { sampleBill, sampleBranding, sampleLetter } from './sample-views';

/**
 * A stand-in thread for the pool's own duties: it answers three bytes, fails
 * a "fail" request, exits on "exit", runs out of memory on "hog" and answers
 * a "slow" one after those sent after it.
 */
const STAND_IN = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ id, request }) => {
  if (request.kind === 'exit') process.exit(3);
  if (request.kind === 'fail') return parentPort.postMessage({ id, error: 'no such layout' });
  if (request.kind === 'hog') { const kept = []; for (;;) kept.push(new Array(100000).fill(kept.length)); }
  if (request.kind === 'slow') return setTimeout(() => parentPort.postMessage({ id, bytes: new Uint8Array([9]), pages: 2 }), 100);
  parentPort.postMessage({ id, bytes: new Uint8Array([1, 2, 3]), pages: 1 });
});
`;

function standIn(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'render-thread-'));
  const file = path.join(dir, 'stand-in.js');
  fs.writeFileSync(file, STAND_IN);
  return file;
}

const ask = (kind: string) => ({ kind }) as unknown as PdfRequest;

describe('RenderThreads', () => {
  let pool: RenderThreads;
  afterEach(() => pool?.close());

  it('lays bills and letters out on its threads, byte for byte as on this thread, logo included', async () => {
    pool = new RenderThreads(2);
    const bill: PdfRequest = { kind: 'bill', view: sampleBill() };
    const [onThread, here] = await Promise.all([pool.render(bill), renderPdf({ kind: 'bill', view: sampleBill() })]);
    expect(Buffer.isBuffer(onThread.bytes)).toBe(true);
    expect(onThread.bytes.equals(here.bytes)).toBe(true);
    expect(onThread.pages).toBe(1);
    expect(pdfText(onThread.bytes).text).toContain('Zoë Peña');
    expect(onThread.bytes.includes(Buffer.from('/Subtype /Image'))).toBe(true);

    const letter = await pool.render({ kind: 'letter', view: sampleLetter({ branding: sampleBranding({ logo: null }) }) });
    expect(
      letter.bytes.equals((await renderPdf({ kind: 'letter', view: sampleLetter({ branding: sampleBranding({ logo: null }) }) })).bytes),
    ).toBe(true);
  });

  it('fails a document whose layout throws on its own: the documents sent with it to the same thread are laid out', async () => {
    pool = new RenderThreads(1);
    // A view the layout cannot walk: it throws before any promise is made.
    const broken = sampleBill({ groups: null as unknown as BillView['groups'] });
    const [bad, good] = await Promise.allSettled([
      pool.render({ kind: 'bill', view: broken }),
      pool.render({ kind: 'bill', view: sampleBill() }),
    ]);
    expect(bad).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/groups/) } });
    expect(good.status).toBe('fulfilled');
    expect(pdfText((good as PromiseFulfilledResult<{ bytes: Buffer }>).value.bytes).text).toContain('Zoë Peña');
    expect(pool.threads).toBe(1);
  });

  it('fails a document that cannot be sent to a thread, and goes on', async () => {
    pool = new RenderThreads(1, { file: standIn() });
    await expect(pool.render({ kind: 'bill', view: { uncopyable: () => 1 } } as unknown as PdfRequest)).rejects.toThrow(
      /could not be cloned/,
    );
    expect([...(await pool.render(ask('bill'))).bytes]).toEqual([1, 2, 3]);
  });

  it('runs at most its size of threads, and every document of a burst comes back to its own caller', async () => {
    pool = new RenderThreads(2);
    const names = Array.from({ length: 9 }, (_, i) => `Customer ${i} Øster`);
    const pdfs = await Promise.all(
      names.map((name) => pool.render({ kind: 'bill', view: sampleBill({ account: { name, number: `ACC-${name}`, addressLines: [] } }) })),
    );
    expect(pool.threads).toBe(2);
    pdfs.forEach((pdf, i) => expect(pdfText(pdf.bytes).text).toContain(names[i]));
  });

  it("fails a document its thread cannot lay out with the thread's message, and goes on", async () => {
    pool = new RenderThreads(1, { file: standIn() });
    await expect(pool.render(ask('fail'))).rejects.toThrow('no such layout');
    expect([...(await pool.render(ask('bill'))).bytes]).toEqual([1, 2, 3]);
    expect(pool.threads).toBe(1);
  });

  it('fails the document of a thread that exits or runs out of memory, and starts another for the next one', async () => {
    pool = new RenderThreads(1, { file: standIn() });
    await expect(pool.render(ask('exit'))).rejects.toThrow('exit code 3');
    expect((await pool.render(ask('bill'))).pages).toBe(1);
    await expect(pool.render(ask('hog'))).rejects.toThrow(/memory/i);
    const next = await pool.render(ask('bill'));
    expect([...next.bytes]).toEqual([1, 2, 3]);
    expect(pool.threads).toBe(1);
  });

  it('sends a thread documents ahead and gives each answer to its own caller, in whatever order they come', async () => {
    pool = new RenderThreads(1, { file: standIn() });
    const order: string[] = [];
    const slow = pool.render(ask('slow')).then((pdf) => (order.push('slow'), pdf));
    const quick = pool.render(ask('bill')).then((pdf) => (order.push('quick'), pdf));
    expect([...(await slow).bytes]).toEqual([9]);
    expect([...(await quick).bytes]).toEqual([1, 2, 3]);
    expect(order).toEqual(['quick', 'slow']);
  });

  it('refuses documents once closed, including those still waiting for a thread', async () => {
    pool = new RenderThreads(1, { file: standIn() });
    const all = Promise.allSettled(Array.from({ length: 6 }, () => pool.render(ask('slow'))));
    await pool.close();
    const settled = await all;
    // Four went ahead to the thread, which was stopped; two were still waiting.
    expect(settled.slice(4)).toEqual([
      { status: 'rejected', reason: new Error('document rendering has stopped') },
      { status: 'rejected', reason: new Error('document rendering has stopped') },
    ]);
    expect(settled.slice(0, 4).every((s) => s.status === 'rejected')).toBe(true);
    await expect(pool.render(ask('bill'))).rejects.toThrow('document rendering has stopped');
    expect(pool.threads).toBe(0);
  });
});
