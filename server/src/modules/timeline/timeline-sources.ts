import { In, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { formatDecimal } from '../../common/money';
import { AuditEntry } from '../../db/audit-entry.entity';
import { BillRun, Invoice } from '../billing/billing.entity';
import { invoiceNumber } from '../billing/invoice-number';
import { CollectionsAction, CollectionsPath, CollectionsRun, CollectionsStep } from '../collections/collections.entity';
import { ProtectedStepReferral, ReferralDecision } from '../collections/controls/controls.entity';
import { CreditNote } from '../credits/credit-note.entity';
import { creditNoteNumber } from '../credits/credit-note-number';
import { Dispute } from '../disputes/dispute.entity';
import { Payment } from '../payments/payment.entity';
import { Refund } from '../payments/refund.entity';
import { UsageRead } from '../usage/usage.entity';
import { WorkItem, WorkNote } from '../work-queues/work-queue.entity';
import { collectionsActionTitle, cursorRule, type StepOnPath, type TimelinePosition } from './timeline-rules';
import { TimelineKind } from './timeline.types';

/** An entry with the row id of its own table, which places it in the timeline; actor as recorded. */
export interface RawEntry {
  at: Date;
  kind: TimelineKind;
  id: string;
  title: string;
  detail: string;
  actor: string | null;
  amount: number | null;
  subjectId: string;
}

export type Source = (em: EntityManager, accountId: string, after: TimelinePosition | null, limit: number) => Promise<RawEntry[]>;

/** The rows of one kind after the cursor, newest first, at most `limit` of them. */
function slice<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  atColumn: string,
  kind: TimelineKind,
  after: TimelinePosition | null,
  limit: number,
): Promise<T[]> {
  const at = `${alias}.${atColumn}`;
  if (after) {
    const params = { cAt: after.at, cId: Number(after.id) };
    const rule = cursorRule(kind, after);
    if (rule === 'BEFORE') qb.andWhere(`${at} < :cAt`, params);
    else if (rule === 'AT_OR_BEFORE') qb.andWhere(`${at} <= :cAt`, params);
    else qb.andWhere(`(${at} < :cAt OR (${at} = :cAt AND ${alias}.id < :cId))`, params);
  }
  return qb.orderBy(at, 'DESC').addOrderBy(`${alias}.id`, 'DESC').limit(limit).getMany();
}

/** Who made each of the subjects by the given action, from the audit log (the first such entry). */
async function auditActors(em: EntityManager, subjectType: string, action: string, ids: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (ids.length === 0) return found;
  const rows = await em
    .getRepository(AuditEntry)
    .createQueryBuilder('a')
    .where('a.subject_type = :type AND a.action = :action AND a.subject_id IN (:...ids)', { type: subjectType, action, ids })
    .orderBy('a.id', 'ASC')
    .getMany();
  for (const r of rows) if (!found.has(r.subjectId)) found.set(r.subjectId, r.actor);
  return found;
}

async function runStarters<T extends ObjectLiteral>(em: EntityManager, entity: new () => T, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const runs = (await em.getRepository(entity).findBy({ id: In(unique) } as never)) as unknown as Array<{ id: string; startedBy: string }>;
  return new Map(runs.map((r) => [r.id, r.startedBy]));
}

const invoices: Source = async (em, accountId, after, limit) => {
  const qb = em.getRepository(Invoice).createQueryBuilder('i').where('i.account_id = :accountId', { accountId });
  const rows = await slice(qb, 'i', 'created_at', TimelineKind.INVOICE, after, limit);
  const starters = await runStarters(
    em,
    BillRun,
    rows.flatMap((i) => (i.billRunId ? [i.billRunId] : [])),
  );
  return rows.map((i) => ({
    at: i.createdAt,
    kind: TimelineKind.INVOICE,
    id: i.id,
    title: `Invoice ${invoiceNumber(i.id)} (${i.status.toLowerCase()})`,
    detail: [`Period ${i.periodStart} to ${i.periodEnd}`, i.voidReason ? `voided: ${i.voidReason}` : ''].filter(Boolean).join('; '),
    actor: i.billRunId ? (starters.get(i.billRunId) ?? null) : null,
    amount: i.total,
    subjectId: i.id,
  }));
};

const payments: Source = async (em, accountId, after, limit) => {
  // A credit note's credit is a payment row too; the credit note has its own entry.
  const qb = em
    .getRepository(Payment)
    .createQueryBuilder('p')
    .where('p.account_id = :accountId AND p.credit_note_id IS NULL', { accountId });
  const rows = await slice(qb, 'p', 'received_at', TimelineKind.PAYMENT, after, limit);
  const actors = await auditActors(
    em,
    'Payment',
    'recordPayment',
    rows.map((p) => p.id),
  );
  return rows.map((p) => ({
    at: p.receivedAt,
    kind: TimelineKind.PAYMENT,
    id: p.id,
    title: `Payment by ${p.channel.toLowerCase()}${p.reversedAt ? ' (reversed)' : ''}`,
    detail: [p.reference ? `Reference ${p.reference}` : '', p.reversalReason ? `reversed: ${p.reversalReason}` : '']
      .filter(Boolean)
      .join('; '),
    actor: actors.get(p.id) ?? null,
    amount: p.amount,
    subjectId: p.id,
  }));
};

const creditNotes: Source = async (em, accountId, after, limit) => {
  const qb = em.getRepository(CreditNote).createQueryBuilder('c').where('c.account_id = :accountId', { accountId });
  const rows = await slice(qb, 'c', 'created_at', TimelineKind.CREDIT_NOTE, after, limit);
  return rows.map((c) => ({
    at: c.createdAt,
    kind: TimelineKind.CREDIT_NOTE,
    id: c.id,
    title: `Credit note ${creditNoteNumber(c.id)} on ${invoiceNumber(c.invoiceId)}`,
    detail: c.reason,
    actor: c.createdBy,
    amount: c.total,
    subjectId: c.id,
  }));
};

const refunds: Source = async (em, accountId, after, limit) => {
  const qb = em.getRepository(Refund).createQueryBuilder('r').where('r.account_id = :accountId', { accountId });
  const rows = await slice(qb, 'r', 'created_at', TimelineKind.REFUND, after, limit);
  return rows.map((r) => ({
    at: r.createdAt,
    kind: TimelineKind.REFUND,
    id: r.id,
    title: `Refund by ${r.channel.toLowerCase()}`,
    detail: r.reference ? `Reference ${r.reference}` : '',
    actor: r.createdBy,
    amount: r.amount,
    subjectId: r.id,
  }));
};

const usageReads: Source = async (em, accountId, after, limit) => {
  const qb = em.getRepository(UsageRead).createQueryBuilder('u').where('u.account_id = :accountId', { accountId });
  const rows = await slice(qb, 'u', 'created_at', TimelineKind.USAGE_READ, after, limit);
  return rows.map((u) => ({
    at: u.createdAt,
    kind: TimelineKind.USAGE_READ,
    id: u.id,
    title: `${u.estimated ? 'Estimated read' : 'Read'} of ${formatDecimal(u.quantity)} (${u.register}) for ${u.periodStart} to ${u.periodEnd}`,
    detail: [u.correction ?? '', u.cancelReason ? `cancelled: ${u.cancelReason}` : ''].filter(Boolean).join('; '),
    // Reads arrive in batches; who sent a batch is not kept per read.
    actor: null,
    amount: null,
    subjectId: u.id,
  }));
};

/** The steps the actions were taken by, with their place and path (retired steps included: actions keep them). */
async function stepsOnPaths(em: EntityManager, stepIds: string[]): Promise<Map<string, StepOnPath>> {
  const unique = [...new Set(stepIds)];
  if (unique.length === 0) return new Map();
  const steps = await em.getRepository(CollectionsStep).findBy({ id: In(unique) });
  const paths = await em.getRepository(CollectionsPath).findBy({ id: In([...new Set(steps.map((s) => s.pathId))]) });
  const pathNames = new Map(paths.map((p) => [p.id, p.name]));
  return new Map(
    steps.flatMap((s) => {
      const pathName = pathNames.get(s.pathId);
      return pathName === undefined ? [] : [[s.id, { name: s.name, position: s.position, pathName }] as const];
    }),
  );
}

/**
 * Who took a protected account's step anyway (decideProtectedStep, take: true), by "episodeId:stepKey". Such an
 * action carries the id of the run that referred the step, but it is the operator's: a step is taken once per
 * delinquency, so a TAKEN referral of the same episode and step names who took the action.
 */
async function takenAnyway(em: EntityManager, actions: CollectionsAction[]): Promise<Map<string, string>> {
  const episodes = [...new Set(actions.map((c) => c.episodeId))];
  if (episodes.length === 0) return new Map();
  const referrals = await em.getRepository(ProtectedStepReferral).findBy({ episodeId: In(episodes), decision: ReferralDecision.TAKEN });
  return new Map(referrals.flatMap((r) => (r.decidedBy ? [[`${r.episodeId}:${r.stepKey}`, r.decidedBy] as const] : [])));
}

const collectionsActions: Source = async (em, accountId, after, limit) => {
  const qb = em.getRepository(CollectionsAction).createQueryBuilder('c').where('c.account_id = :accountId', { accountId });
  const rows = await slice(qb, 'c', 'created_at', TimelineKind.COLLECTIONS_ACTION, after, limit);
  const [starters, steps, operators] = await Promise.all([
    runStarters(
      em,
      CollectionsRun,
      rows.map((c) => c.runId),
    ),
    stepsOnPaths(
      em,
      rows.map((c) => c.stepId),
    ),
    takenAnyway(em, rows),
  ]);
  return rows.map((c) => ({
    at: c.createdAt,
    kind: TimelineKind.COLLECTIONS_ACTION,
    id: c.id,
    title: collectionsActionTitle(c.action, steps.get(c.stepId)),
    detail: c.detail,
    actor: operators.get(`${c.episodeId}:${c.stepKey}`) ?? starters.get(c.runId) ?? null,
    amount: null,
    subjectId: c.id,
  }));
};

const workNotes: Source = async (em, accountId, after, limit) => {
  const qb = em
    .getRepository(WorkNote)
    .createQueryBuilder('n')
    .innerJoin(WorkItem, 'w', 'w.id = n.work_item_id')
    .where('w.account_id = :accountId', { accountId });
  const rows = await slice(qb, 'n', 'created_at', TimelineKind.WORK_NOTE, after, limit);
  const itemIds = [...new Set(rows.map((n) => n.workItemId))];
  const items = itemIds.length ? await em.getRepository(WorkItem).findBy({ id: In(itemIds) }) : [];
  const titles = new Map(items.map((w) => [w.id, w.title]));
  return rows.map((n) => ({
    at: n.createdAt,
    kind: TimelineKind.WORK_NOTE,
    id: n.id,
    title: `Note on "${titles.get(n.workItemId) ?? `work item ${n.workItemId}`}"`,
    detail: n.text,
    actor: n.author,
    amount: null,
    subjectId: n.workItemId,
  }));
};

const disputes: Source = async (em, accountId, after, limit) => {
  const qb = em.getRepository(Dispute).createQueryBuilder('d').where('d.account_id = :accountId', { accountId });
  const rows = await slice(qb, 'd', 'opened_at', TimelineKind.DISPUTE, after, limit);
  return rows.map((d) => ({
    at: d.openedAt,
    kind: TimelineKind.DISPUTE,
    id: d.id,
    title: `Dispute on ${invoiceNumber(d.invoiceId)} (${d.status.toLowerCase()})`,
    detail: [d.reason, d.resolution ? `resolved: ${d.resolution}` : ''].filter(Boolean).join('; '),
    actor: d.openedBy,
    amount: null,
    subjectId: d.id,
  }));
};

/** Every table the timeline reads. */
export const SOURCES: readonly Source[] = [invoices, payments, creditNotes, refunds, usageReads, collectionsActions, workNotes, disputes];
