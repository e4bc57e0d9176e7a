import type { RenderedDocument } from '../document.service';
import { DocumentKind } from '../document.entity';
import { renderBatch } from '../render-batch';

const doc = (accountId: string): RenderedDocument => ({
  kind: DocumentKind.INVOICE,
  accountId,
  invoiceId: accountId,
  pdf: { bytes: Buffer.from(accountId), pages: 1 },
});
const jobs = ['1', '2', '3', '4', '5', '6'].map((id) => ({ id }));

describe('renderBatch', () => {
  it('stores every rendered document of the batch in one call, in claim order', async () => {
    const calls: string[][] = [];
    const stored = await renderBatch(jobs, {
      // Later jobs finish first: the order stored is still the claim order.
      render: (job) => new Promise((resolve) => setTimeout(() => resolve(doc(job.id)), 20 - Number(job.id) * 3)),
      storeMany: async (batch) => (calls.push(batch.map((b) => b.jobId)), batch.length),
      failed: async () => undefined,
    });
    expect(stored).toBe(6);
    expect(calls).toEqual([['1', '2', '3', '4', '5', '6']]);
  });

  it('leaves out a job whose render failed, and stores one by one when the batch cannot be stored, failing only the bad one', async () => {
    const failed: string[] = [];
    const stored = await renderBatch(jobs, {
      render: async (job) => (job.id === '2' ? null : doc(job.id)),
      storeMany: async (batch) => {
        if (batch.some((b) => b.jobId === '5')) throw new Error('cannot store 5');
        return batch.length;
      },
      failed: async (job) => {
        failed.push(job.id);
      },
    });
    expect(stored).toBe(4);
    expect(failed).toEqual(['5']);
  });
});
