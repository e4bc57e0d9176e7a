import { eachAtMost } from '../../common/bounded';
import type { RenderedDocument } from './document.service';

/** Bills laid out at once while others wait for their data (the reads overlap the layout). */
export const RENDER_CONCURRENCY = 4;

export interface BatchSteps<J> {
  /** Reads a job's data and renders it; null when it failed (and the failure is recorded). */
  render(job: J): Promise<RenderedDocument | null>;
  /** Stores documents with their jobs' deletion in one transaction; returns how many were stored. */
  storeMany(batch: Array<{ doc: RenderedDocument; jobId: string }>): Promise<number>;
  /** Records a job's failure (for a retry with back-off). */
  failed(job: J, error: unknown): Promise<void>;
}

/**
 * Renders a batch of claimed jobs, a few at a time, and stores what rendered
 * in one transaction. A store that fails is tried again one job at a time, so
 * one bad document fails alone and the others are stored.
 */
export async function renderBatch<J extends { id: string }>(jobs: readonly J[], steps: BatchSteps<J>): Promise<number> {
  const docs = new Map<J, RenderedDocument>();
  await eachAtMost(jobs, RENDER_CONCURRENCY, async (job) => {
    const doc = await steps.render(job);
    if (doc) docs.set(job, doc);
  });
  // Stored in claim order, whatever order the lanes finished in.
  const rendered = jobs.flatMap((job) => {
    const doc = docs.get(job);
    return doc ? [{ job, doc }] : [];
  });
  try {
    return await steps.storeMany(rendered.map(({ job, doc }) => ({ doc, jobId: job.id })));
  } catch (error) {
    if (rendered.length === 1) {
      await steps.failed(rendered[0].job, error);
      return 0;
    }
  }
  let stored = 0;
  for (const { job, doc } of rendered) {
    try {
      stored += await steps.storeMany([{ doc, jobId: job.id }]);
    } catch (error) {
      await steps.failed(job, error);
    }
  }
  return stored;
}
