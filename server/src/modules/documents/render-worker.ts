import { groupInto } from '../../common/grouping';
import { PollLoop } from '../../common/poll-loop';
import { runWrite, type Database } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { claimLeased } from '../../db/lease-claim';
import { CollectionsActionType } from '../collections/collections.entity';
import { DocumentKind, RenderSubject } from './document.entity';
import type { DocumentService, RenderedDocument } from './document.service';
import type { DocumentViews } from './document-views';
import type { PdfRenderer } from './render-pdf';
import { billingUnderway } from './billing-underway';
import { renderBatch } from './render-batch';

/** How long a process may hold a job before another may take it over (it died, or hangs). */
const LEASE_MS = 120_000;
/** After this many failed attempts a job is left for an operator to look at (last_error says why). */
export const MAX_ATTEMPTS = 5;
const CLAIM_BATCH = 20;
/**
 * Batches in hand at once: while one batch's PDFs are laid out (on the render
 * threads), the next is claimed, read and the one before stored.
 */
const LANES = 2;
export const POLL_MS = 2_000;
/** How often every issued invoice and letter is checked for a document (the hooks queue them at once; this catches older ones). */
export const FULL_SWEEP_MS = 3600_000;

export type RenderLogger = { error(msg: string, error?: unknown): void };
/** Renders one subject of a batch from what was read for the batch. */
type RenderOne = (subjectId: string) => Promise<RenderedDocument>;
/** Reads what a batch's subjects of one kind show, at once; then renders each. */
type Renderer = (subjectIds: readonly string[]) => Promise<RenderOne>;
interface Job {
  id: string;
  subjectKind: RenderSubject;
  subjectId: string;
  attempts: number;
  /** The lease this claim holds the job under: the process and the claim. */
  lease: string;
}

/**
 * Renders queued documents after the transactions that queued them have
 * committed, never inside a bill run. Every process runs one; a job is claimed
 * with a conditional UPDATE (a lease), so each document is rendered by one
 * process at a time, and the unique keys on the document table keep a second
 * copy from ever being stored. A failed render is retried with back-off.
 */
export class RenderWorker {
  private readonly loop: PollLoop;
  private lastFullSweep = 0;
  /** Letters are queued by scanning collections actions above this id (and all of them at each full sweep). */
  private letterWatermark = 0;
  /** Credit notes likewise, above this id. */
  private creditNoteWatermark = 0;
  private readonly renderers = new Map<RenderSubject, Renderer>();
  /** Claims made by this process, each under a lease of its own. */
  private claims = 0;
  /** Documents this worker has rendered (stored or not), for the operator's logs and the tests. */
  rendered = 0;

  constructor(
    private readonly db: Database,
    private readonly documents: DocumentService,
    views: DocumentViews,
    pdfs: PdfRenderer,
    private readonly owner: string,
    private readonly log: RenderLogger,
    pollMs = POLL_MS,
  ) {
    this.loop = new PollLoop({
      round: () => this.runOnce(),
      intervalMs: pollMs,
      failure: 'document rendering failed; retrying shortly',
      log,
    });
    this.register(RenderSubject.INVOICE, async (ids) => {
      const reads = await views.bills(ids);
      return async (id) => {
        const read = reads.get(id);
        if (!read) throw new Error(`invoice ${id} was not read`);
        if ('error' in read) throw read.error;
        return {
          kind: DocumentKind.INVOICE,
          accountId: read.accountId,
          invoiceId: id,
          pdf: await pdfs.render({ kind: 'bill', view: read.view }),
          figuresAt: read.figuresAt,
        };
      };
    });
    this.register(RenderSubject.LETTER, async () => async (id) => {
      const view = await views.letter(id);
      const rows = (await db.manager.query('SELECT account_id AS a FROM collections_action WHERE id = ?', [Number(id)])) as Array<{
        a: unknown;
      }>;
      return {
        kind: DocumentKind.LETTER,
        accountId: String(rows[0].a),
        collectionsActionId: id,
        pdf: await pdfs.render({ kind: 'letter', view }),
      };
    });
    this.register(RenderSubject.CREDIT_NOTE, async () => async (id) => {
      const view = await views.creditNote(id);
      const rows = (await db.manager.query('SELECT account_id AS a FROM credit_note WHERE id = ?', [Number(id)])) as Array<{ a: unknown }>;
      return {
        kind: DocumentKind.CREDIT_NOTE,
        accountId: String(rows[0].a),
        creditNoteId: id,
        pdf: await pdfs.render({ kind: 'creditNote', view }),
      };
    });
  }

  /** How a kind of subject is rendered (each kind registers in the constructor; a later kind can register too). */
  register(subject: RenderSubject, render: Renderer): void {
    this.renderers.set(subject, render);
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** Looks for work now (after a commit that queued some). */
  wake(): void {
    this.loop.wake();
  }

  /** Queues what lacks a document, then renders until nothing claimable is left; returns how many were stored. */
  async runOnce(now: Date = new Date()): Promise<number> {
    // While a bill run bills, nothing is queued or rendered: the run's chunks wake this worker as they commit, and
    // those rounds then cost the database one look, not the look for missing documents as well.
    if (await billingUnderway(this.db)) return 0;
    const full = now.getTime() - this.lastFullSweep >= FULL_SWEEP_MS;
    await this.queueMissing(now, full);
    if (full) this.lastFullSweep = now.getTime();
    // Both lanes end before the round does, even when one fails: the next round, or a stop, never finds one still at work.
    const lanes = await Promise.allSettled(Array.from({ length: LANES }, () => this.renderUntilDone()));
    const failed = lanes.find((lane) => lane.status === 'rejected');
    if (failed) throw failed.reason;
    return lanes.reduce((sum, lane) => sum + (lane.status === 'fulfilled' ? lane.value : 0), 0);
  }

  /** Claims, reads, renders and stores batches until nothing claimable is left. */
  private async renderUntilDone(): Promise<number> {
    let stored = 0;
    for (;;) {
      // Again before each claim: a run may have started meanwhile (during an hourly sweep, a batch).
      if (await billingUnderway(this.db)) return stored;
      // Stopping: nothing more is claimed (a claimed batch would wait out its lease).
      if (this.loop.interrupted) return stored;
      const { candidates, jobs } = await this.claim(new Date());
      if (candidates === 0) return stored;
      // Another lane or process leased these first: the next look finds the jobs after them.
      if (jobs.length === 0) continue;
      const prepared = await this.read(jobs);
      stored += await renderBatch(jobs, {
        render: (job) => this.render(job, prepared.get(job.subjectKind)),
        storeMany: (batch) => this.documents.storeMany(batch),
        failed: (job, error) => this.failed(job, error),
      });
    }
  }

  /**
   * Reads the batch's data, a kind of subject at a time. When a kind's reads
   * fail, each of its subjects is read again alone when rendered, so one that
   * cannot be read fails alone.
   */
  private async read(jobs: readonly Job[]): Promise<Map<RenderSubject, RenderOne>> {
    const prepared = new Map<RenderSubject, RenderOne>();
    for (const [kind, ofKind] of groupInto([...jobs], (job) => job.subjectKind)) {
      const renderer = this.renderers.get(kind);
      if (!renderer) continue;
      try {
        prepared.set(kind, await renderer(ofKind.map((job) => job.subjectId)));
      } catch {
        prepared.set(kind, async (id) => (await renderer([id]))(id));
      }
    }
    return prepared;
  }

  private async render(job: Job, render: RenderOne | undefined): Promise<RenderedDocument | null> {
    try {
      if (!render) throw new Error(`no renderer for ${job.subjectKind} documents in this version`);
      const doc = await render(job.subjectId);
      this.rendered++;
      return doc;
    } catch (error) {
      await this.failed(job, error);
      return null;
    }
  }

  private async failed(job: Job, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    // Back-off: 30 s, 2 min, 8 min... after each failed attempt.
    const retryAt = new Date(Date.now() + 30_000 * 4 ** Math.min(job.attempts - 1, 4));
    await this.write('UPDATE document_job SET last_error = ?, lease_until = ?, lease_owner = NULL WHERE id = ? AND lease_owner = ?', [
      message.slice(0, 500),
      retryAt,
      Number(job.id),
      job.lease,
    ]);
    this.log.error(`rendering ${job.subjectKind} ${job.subjectId} failed (attempt ${job.attempts} of ${MAX_ATTEMPTS})`, error);
  }

  /**
   * Claims up to CLAIM_BATCH jobs with one conditional UPDATE (a job already
   * leased, by another process or another claim of this one, is left out of
   * it), then reads back which of them this claim won; with how many it tried.
   */
  private async claim(now: Date): Promise<{ candidates: number; jobs: Job[] }> {
    const lease = `${this.owner}/${++this.claims}`;
    const { ids, won } = await claimLeased(this.db, {
      table: 'document_job',
      where: 'attempts < ?',
      params: [MAX_ATTEMPTS],
      set: 'attempts = attempts + 1',
      limit: CLAIM_BATCH,
      lease,
      now,
      leaseMs: LEASE_MS,
    });
    if (!won) return { candidates: ids.length, jobs: [] };
    const marks = ids.map(() => '?').join(', ');
    const rows = (await this.db.manager.query(
      `SELECT id, subject_kind AS k, subject_id AS s, attempts AS a FROM document_job WHERE id IN (${marks}) AND lease_owner = ? ORDER BY id`,
      [...ids, lease],
    )) as Array<{ id: unknown; k: string; s: unknown; a: unknown }>;
    const jobs = rows.map((c) => ({
      id: String(c.id),
      subjectKind: c.k as RenderSubject,
      subjectId: String(c.s),
      attempts: Number(c.a),
      lease,
    }));
    return { candidates: ids.length, jobs };
  }

  /** Queues letters and credit notes (and, at a full sweep, issued invoices) that have neither a document nor a job. */
  private async queueMissing(now: Date, full: boolean): Promise<void> {
    const letters = `INSERT INTO document_job (subject_kind, subject_id, attempts, created_at)
      SELECT ?, ca.id, 0, ? FROM collections_action ca
      WHERE ca.action IN (?, ?) AND ca.id > ?
        AND NOT EXISTS (SELECT 1 FROM document_job j WHERE j.subject_kind = ? AND j.subject_id = ca.id)
        AND NOT EXISTS (SELECT 1 FROM document d WHERE d.collections_action_id = ca.id)`;
    const watermark = full ? 0 : this.letterWatermark;
    const top = (await this.db.manager.query('SELECT MAX(id) AS m FROM collections_action')) as Array<{ m: unknown }>;
    await this.insertIgnoringRaces(letters, [
      RenderSubject.LETTER,
      now,
      CollectionsActionType.LETTER,
      CollectionsActionType.REMINDER,
      watermark,
      RenderSubject.LETTER,
    ]);
    this.letterWatermark = Math.max(this.letterWatermark, Number(top[0]?.m ?? 0));
    const notes = `INSERT INTO document_job (subject_kind, subject_id, attempts, created_at)
      SELECT ?, n.id, 0, ? FROM credit_note n
      WHERE n.id > ?
        AND NOT EXISTS (SELECT 1 FROM document_job j WHERE j.subject_kind = ? AND j.subject_id = n.id)
        AND NOT EXISTS (SELECT 1 FROM document d WHERE d.credit_note_id = n.id)`;
    const topNote = (await this.db.manager.query('SELECT MAX(id) AS m FROM credit_note')) as Array<{ m: unknown }>;
    await this.insertIgnoringRaces(notes, [RenderSubject.CREDIT_NOTE, now, full ? 0 : this.creditNoteWatermark, RenderSubject.CREDIT_NOTE]);
    this.creditNoteWatermark = Math.max(this.creditNoteWatermark, Number(topNote[0]?.m ?? 0));
    if (!full) return;
    const invoices = `INSERT INTO document_job (subject_kind, subject_id, attempts, created_at)
      SELECT ?, i.id, 0, ? FROM invoice i
      WHERE i.status IN ('ISSUED', 'PAID') AND i.issue_date IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM document_job j WHERE j.subject_kind = ? AND j.subject_id = i.id)
        AND NOT EXISTS (SELECT 1 FROM document d WHERE d.invoice_id = i.id)`;
    await this.insertIgnoringRaces(invoices, [RenderSubject.INVOICE, now, RenderSubject.INVOICE]);
  }

  /** Two processes queueing the same subject at once: the unique key keeps one job; the other's statement is simply dropped. */
  private async insertIgnoringRaces(sql: string, params: unknown[]): Promise<void> {
    try {
      await this.write(sql, params);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }

  /** A statement on its own; on the embedded database it waits for the open transaction, which it would otherwise join. */
  private write(sql: string, params: unknown[]): Promise<{ affected: number }> {
    return this.db.exclusive(() => runWrite(this.db.manager, sql, params));
  }
}
